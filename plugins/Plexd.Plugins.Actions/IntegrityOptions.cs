using Plexd.Sdk.Configuration;

namespace Plexd.Plugins.Actions;

/// <summary>The <c>integrity</c> section.</summary>
public sealed class IntegrityOptions : IValidatableOptions
{
    /// <summary><c>false</c> stops the periodic binary and hook verification (hooks are still verified before each run).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The binary to verify; empty means the running plexd executable with symlinks resolved.</summary>
    public string BinaryPath { get; set; } = "";

    /// <summary>How often the binary and every hook are verified against their baseline.</summary>
    public TimeSpan VerifyInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc/>
    public IEnumerable<string> Validate(string sectionName)
    {
        if (Enabled && VerifyInterval < TimeSpan.FromSeconds(30))
        {
            yield return $"{sectionName}.verify_interval: must be at least 30s, got {Plexd.Sdk.Json.GoDuration.Format(VerifyInterval)}";
        }

        if (BinaryPath.Length > 0 && !Path.IsPathFullyQualified(BinaryPath))
        {
            yield return $"{sectionName}.binary_path: must be an absolute path, got \"{BinaryPath}\"";
        }
    }
}
