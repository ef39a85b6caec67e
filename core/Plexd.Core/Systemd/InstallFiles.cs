using System.Text;

namespace Plexd.Core.Systemd;

/// <summary>The texts <c>plexd install</c> writes: the default config, the unit, and the checked bootstrap token.</summary>
public static class InstallFiles
{
    /// <summary>The most a bootstrap token may be (spec 05 §9).</summary>
    public const int MaxTokenBytes = 512;

    /// <summary>
    /// The default <c>/etc/plexd/config.yaml</c>, line by line as spec 05 §9 words it. The parser reads its top-level
    /// <c>api_url</c> and <c>token_file</c> as aliases of <c>api.url</c> and <c>token.file</c>, so a fresh install validates.
    /// <c>data_dir</c> and <c>token_file</c> are the fixed install paths.
    /// </summary>
    public static string DefaultConfig(string? apiUrl) =>
        "# plexd configuration\n" +
        "# Every key, its default and its PLEXD_* variable: /usr/share/doc/plexd/configuration.md\n" +
        "\n" +
        (string.IsNullOrEmpty(apiUrl) ? "# api_url: https://your-control-plane.example.com\n" : $"api_url: {apiUrl}\n") +
        $"data_dir: {InstallLayout.DataDirectory}\n" +
        "log_level: info\n" +
        $"token_file: {InstallLayout.ConfigDirectory}/bootstrap-token\n";

    /// <summary>The unit of packaging/systemd/plexd.service (embedded at build time) with <paramref name="binary"/> in ExecStart.</summary>
    public static string Unit(string binary)
    {
        using var stream = typeof(InstallFiles).Assembly.GetManifestResourceStream("plexd.service")
            ?? throw new InvalidOperationException("the plexd.service resource is missing from Plexd.Core");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace($"ExecStart={InstallLayout.Binary} ", $"ExecStart={binary} ", StringComparison.Ordinal);
    }

    /// <summary>
    /// The token to store: <paramref name="value"/> trimmed, else the trimmed content of <paramref name="file"/>; null when
    /// neither gives one. A whitespace-only value does not consult the file (spec 05 §9).
    /// </summary>
    /// <exception cref="InstallException">The file cannot be read, or the token is too long or not printable ASCII.</exception>
    public static string? Token(string? value, string? file)
    {
        string token;
        if (!string.IsNullOrEmpty(value))
        {
            token = value.Trim();
        }
        else if (!string.IsNullOrEmpty(file))
        {
            try
            {
                token = File.ReadAllText(file).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InstallException($"{InstallException.Prefix}read token file \"{file}\": {ex.Message}");
            }
        }
        else
        {
            return null;
        }

        if (token.Length == 0)
        {
            return null;
        }

        if (Encoding.UTF8.GetByteCount(token) > MaxTokenBytes)
        {
            throw new InstallException($"{InstallException.Prefix}token exceeds maximum length of {MaxTokenBytes} bytes");
        }

        return token.All(c => c is >= (char)0x20 and <= (char)0x7E) ? token : throw new InstallException($"{InstallException.Prefix}token contains non-printable characters");
    }
}
