using System.Text.Json;
using Microsoft.Extensions.Logging;
using Plexd.Plugins.Actions.Integrity;
using Plexd.Sdk.Json;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Actions.Hooks;

/// <summary>
/// One scan of the hooks directory (non-recursive: every executable file that is not a <c>.json</c> sidecar; a
/// symlink's own mode is tested and its target hashed) plus <c>hooks.definitions</c>. A definition naming a file of the
/// directory adds its settings to it; any other definition is a hook of its own. Sorted by name.
/// </summary>
internal sealed class HookScanner(HooksOptions options, ILogger<HookScanner> logger)
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <exception cref="IOException">The directory exists but cannot be listed.</exception>
    public IReadOnlyList<HookEntry> Scan()
    {
        if (!options.Enabled)
        {
            return [];
        }

        var hooks = new SortedDictionary<string, HookEntry>(StringComparer.Ordinal);
        foreach (string path in DirectoryFiles())
        {
            if (Describe(Path.GetFileName(path), path, "local") is { } hook)
            {
                hooks[hook.Name] = hook;
            }
        }

        foreach (var definition in options.Definitions)
        {
            string path = definition.Path.Length > 0 ? definition.Path : Path.Combine(options.Dir, definition.Name);
            var found = hooks.GetValueOrDefault(definition.Name) ?? Describe(definition.Name, path, "config");
            if (found is not null)
            {
                hooks[definition.Name] = Apply(definition, found with { Path = path });
            }
        }

        return [.. hooks.Values];
    }

    private IEnumerable<string> DirectoryFiles()
    {
        if (options.Dir.Length == 0 || !Directory.Exists(options.Dir))
        {
            return [];
        }

        return new DirectoryInfo(options.Dir).EnumerateFileSystemInfos()
            .Where(entry => entry is FileInfo && !entry.Name.EndsWith(".json", StringComparison.Ordinal) && (entry.UnixFileMode & AnyExecute) != 0)
            .Select(entry => entry.FullName);
    }

    private HookEntry? Describe(string name, string path, string source)
    {
        string checksum;
        try
        {
            checksum = FileHash.Of(path);
        }
        catch (IntegrityException ex)
        {
            logger.HookSkipped(path, ex.Message);
            return null;
        }

        var hook = new HookEntry(name, path, checksum, source, "", null, null, "", "", "");
        return ReadSidecar(hook, path + ".json");
    }

    private HookEntry ReadSidecar(HookEntry hook, string sidecar)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(sidecar);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return hook;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            string timeoutText = Text(root, "timeout");
            return hook with
            {
                Description = Text(root, "description"),
                Parameters = root.TryGetProperty("parameters", out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray().Select(Parameter)] : null,
                Timeout = GoDuration.TryParse(timeoutText, out var timeout) && timeout > TimeSpan.Zero ? timeout : null,
                TimeoutText = timeoutText,
                Sandbox = Text(root, "sandbox"),
                User = Text(root, "user"),
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            logger.SidecarMalformed(sidecar, ex.Message);
            return hook;
        }
    }

    private static ActionParam Parameter(JsonElement element) => new()
    {
        Name = Text(element, "name"),
        Type = Text(element, "type"),
        Required = element.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True,
        Description = Text(element, "description"),
    };

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static HookEntry Apply(HookDefinition definition, HookEntry hook) => hook with
    {
        Description = definition.Description.Length > 0 ? definition.Description : hook.Description,
        Parameters = definition.Parameters.Count > 0
            ? [.. definition.Parameters.Select(p => new ActionParam { Name = p.Name, Type = p.Type, Required = p.Required, Description = p.Description })]
            : hook.Parameters,
        Timeout = definition.Timeout ?? hook.Timeout,
        TimeoutText = definition.Timeout is null ? hook.TimeoutText : "",
        Sandbox = definition.Sandbox.Length > 0 ? definition.Sandbox : hook.Sandbox,
        User = definition.User.Length > 0 ? definition.User : hook.User,
        Defaults = definition.Parameters.Count > 0
            ? definition.Parameters.Where(p => p.Default is not null).ToDictionary(p => p.Name, p => p.Default!, StringComparer.Ordinal)
            : hook.Defaults,
    };
}
