using System.Text;
using Plexd.Sdk.Actions;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary>
/// <c>config.dump</c>: the agent's config.yaml with every secret value replaced by <c>[redacted]</c> (tokens, keys,
/// passwords, secrets, PSKs, and <c>token.value</c>). The file is found as <c>plexd up</c> finds it: <c>--config</c>,
/// else PLEXD_CONFIG, else /etc/plexd/config.yaml.
/// </summary>
internal sealed class ConfigDumpAction(Func<string>? configPath = null) : BuiltinAction("config.dump", "Show the configuration with secrets redacted")
{
    internal const string Redacted = "[redacted]";
    private static readonly string[] SecretNames = ["token", "password", "secret", "psk", "private_key", "key", "bearer"];

    public override async Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        string path = (configPath ?? DefaultPath)();
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failure($"cannot read the configuration {path}: {ex.Message}");
        }

        return Success(JsonText.Object(w =>
        {
            w.WriteString("path", path);
            w.WriteString("config", Redact(text));
        }));
    }

    /// <summary>Line by line, tracking the key path by indentation; a secret key keeps its name and loses its value.</summary>
    internal static string Redact(string yaml)
    {
        var output = new StringBuilder(yaml.Length);
        var path = new List<(int Indent, string Key)>();
        foreach (string line in yaml.Split('\n'))
        {
            string trimmed = line.TrimStart();
            int indent = line.Length - trimmed.Length;
            int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (trimmed.Length == 0 || trimmed[0] == '#' || colon <= 0)
            {
                output.Append(line).Append('\n');
                continue;
            }

            string key = trimmed[..colon].TrimStart('-', ' ').Trim().Trim('"', '\'');
            path.RemoveAll(p => p.Indent >= indent);
            string parent = path.Count > 0 ? path[^1].Key : "";
            path.Add((indent, key));
            string value = trimmed[(colon + 1)..].Trim();
            bool secret = value.Length > 0 && !value.StartsWith('#') && IsSecret(key, parent);
            output.Append(secret ? line[..(indent + colon + 1)] + " \"" + Redacted + "\"" : line).Append('\n');
        }

        return output.ToString(0, Math.Max(0, output.Length - 1));
    }

    private static bool IsSecret(string key, string parent)
    {
        string lower = key.ToLowerInvariant();
        if (lower.EndsWith("_file", StringComparison.Ordinal) || lower.EndsWith("_path", StringComparison.Ordinal) || lower.EndsWith("_dir", StringComparison.Ordinal))
        {
            return false;
        }

        return (lower == "value" && parent.Equals("token", StringComparison.OrdinalIgnoreCase))
            || SecretNames.Any(name => lower == name || lower.EndsWith("_" + name, StringComparison.Ordinal));
    }

    private static string DefaultPath()
    {
        string[] args = Environment.GetCommandLineArgs();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Length)
            {
                return Path.GetFullPath(args[i + 1]);
            }

            if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                return Path.GetFullPath(args[i]["--config=".Length..]);
            }
        }

        return Environment.GetEnvironmentVariable("PLEXD_CONFIG") is { Length: > 0 } fromEnvironment ? fromEnvironment : "/etc/plexd/config.yaml";
    }
}
