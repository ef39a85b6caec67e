using System.Text.Json;
using Plexd.Plugins.Actions.Hooks;

namespace Plexd.Plugins.Actions.NodeApi;

/// <summary>One hook as a flat row for <c>GET /v1/hooks</c> and <c>POST /v1/hooks/verify</c>.</summary>
internal static class HookRows
{
    public static void Write(Utf8JsonWriter w, HookSet hooks, HookEntry hook, string state)
    {
        w.WriteStartObject();
        w.WriteString("name", hook.Name);
        w.WriteString("path", hook.Path);
        w.WriteString("source", hook.Source);
        w.WriteString("checksum", hook.Checksum);
        w.WriteString("trusted_checksum", hooks.TrustedChecksum(hook));
        w.WriteString("state", state);
        w.WriteString("sandbox", hook.Sandbox.Length > 0 ? hook.Sandbox : HookSandbox.None);
        w.WriteString("user", hook.User);
        w.WriteString("timeout", hook.Timeout is { } t ? Plexd.Sdk.Json.GoDuration.Format(t) : "");
        w.WriteEndObject();
    }
}
