using System.Text.Json;
using Plexd.Sdk.Json;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.AuditForwarding.Kubernetes;

/// <summary>
/// Maps one line of the Kubernetes API server's audit log (an <c>audit.k8s.io</c> Event as JSON) to an entry, as the
/// original agent does: source <c>k8s-audit</c>, event type and action the verb, subject the user, object the string
/// <c>namespace/resource/name</c>, result <c>success</c> for a 2xx response code.
/// </summary>
internal static class KubernetesAuditParser
{
    /// <summary>The entry, or null when the line is not a JSON object.</summary>
    public static AuditEntry? Parse(string line, string hostname)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string verb = String(root, "verb");
            int status = root.TryGetProperty("responseStatus", out var response) && response.ValueKind == JsonValueKind.Object
                && response.TryGetProperty("code", out var code) && code.TryGetInt32(out int value) ? value : 0;
            return new AuditEntry
            {
                Timestamp = Timestamp(root),
                Source = "k8s-audit",
                EventType = verb,
                Subject = Subject(root),
                Object = RawJson.String(ObjectPath(root)),
                Action = verb,
                Result = status is >= 200 and <= 299 ? "success" : "failure",
                Hostname = hostname,
                Raw = line,
            };
        }
    }

    private static DateTimeOffset Timestamp(JsonElement root)
    {
        foreach (string name in new[] { "stageTimestamp", "requestReceivedTimestamp" })
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at))
            {
                return at;
            }
        }

        return GoTime.Zero;
    }

    private static RawJson Subject(JsonElement root)
    {
        root.TryGetProperty("user", out var user);
        return RawJson.Object(json =>
        {
            json.WriteString("username", user.ValueKind == JsonValueKind.Object ? String(user, "username") : "");
            if (user.ValueKind == JsonValueKind.Object && user.TryGetProperty("groups", out var groups)
                && groups.ValueKind == JsonValueKind.Array && groups.GetArrayLength() > 0)
            {
                json.WriteStartArray("groups");
                foreach (var group in groups.EnumerateArray())
                {
                    json.WriteStringValue(group.ValueKind == JsonValueKind.String ? group.GetString() : group.GetRawText());
                }

                json.WriteEndArray();
            }
        });
    }

    // resource, prefixed by "namespace/" and followed by "/name" when present: prod/pods/web-1, nodes, nodes/n1.
    private static string ObjectPath(JsonElement root)
    {
        if (!root.TryGetProperty("objectRef", out var reference) || reference.ValueKind != JsonValueKind.Object)
        {
            return "";
        }

        string path = String(reference, "resource");
        string ns = String(reference, "namespace");
        string name = String(reference, "name");
        if (ns.Length > 0)
        {
            path = ns + "/" + path;
        }

        return name.Length > 0 ? path + "/" + name : path;
    }

    private static string String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
