using System.Net.Http.Headers;
using System.Text;
using Plexd.Core.Configuration;

namespace Plexd.Core.Identity;

/// <summary>
/// Finds the bootstrap token (spec 01 §5.2): <c>token.value</c>, then the token file, then the environment variable,
/// then the instance metadata service. The first non-empty source wins; an invalid value stops the search.
/// </summary>
public sealed class BootstrapTokenResolver(TokenOptions options, Func<string, string?> getEnvironment, HttpMessageHandler? metadataHandler = null)
{
    /// <summary>Longest accepted token in bytes.</summary>
    public const int MaxTokenBytes = 512;

    /// <summary>Returns the token or null when no source has one.</summary>
    /// <exception cref="InvalidDataException">A source holds an invalid token or the file cannot be read.</exception>
    public async Task<BootstrapToken?> ResolveAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Trim() is { Length: > 0 } value)
        {
            return new BootstrapToken(Validate(value, "token.value"), "token.value", null);
        }

        if (options.File.Length > 0)
        {
            string? content = null;
            try
            {
                // Decoded as is: a byte-order mark is not skipped, so validation refuses it as Go does.
                content = new UTF8Encoding(false).GetString(await File.ReadAllBytesAsync(options.File, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                // No file: try the next source.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidDataException($"token file {options.File}: cannot read: {ex.Message}", ex);
            }

            if (content?.Trim() is { Length: > 0 } fromFile)
            {
                return new BootstrapToken(Validate(fromFile, $"token file {options.File}"), $"file {options.File}", options.File);
            }
        }

        if (options.Env.Length > 0 && getEnvironment(options.Env)?.Trim() is { Length: > 0 } fromEnv)
        {
            return new BootstrapToken(Validate(fromEnv, $"environment variable {options.Env}"), $"environment variable {options.Env}", null);
        }

        if (options.Metadata && await FromMetadataAsync(cancellationToken).ConfigureAwait(false) is { } fromMetadata)
        {
            return new BootstrapToken(Validate(fromMetadata, "instance metadata"), "instance metadata", null);
        }

        return null;
    }

    /// <summary>Explains where a token was looked for, for the "no token" error.</summary>
    public string DescribeSources() =>
        $"no bootstrap token: set token.value, write it to {options.File}, set {options.Env}" +
        (options.Metadata ? $", or serve it at {options.MetadataUrl}{options.MetadataTokenPath}" : " (instance metadata lookup is off: token.metadata: false)");

    /// <summary>Checks length (≤ 512 bytes) and characters (printable ASCII only).</summary>
    internal static string Validate(string token, string source)
    {
        if (Encoding.UTF8.GetByteCount(token) > MaxTokenBytes)
        {
            throw new InvalidDataException($"{source}: bootstrap token is longer than {MaxTokenBytes} bytes");
        }

        foreach (char c in token)
        {
            if (c is < (char)0x20 or > (char)0x7E)
            {
                throw new InvalidDataException($"{source}: bootstrap token contains a character outside printable ASCII (U+{(int)c:X4})");
            }
        }

        return token;
    }

    private async Task<string?> FromMetadataAsync(CancellationToken cancellationToken)
    {
        using var http = metadataHandler is null ? new HttpClient() : new HttpClient(metadataHandler, disposeHandler: false);
        http.Timeout = options.MetadataTimeout;
        string baseUrl = options.MetadataUrl.TrimEnd('/');
        string? sessionToken = null;
        try
        {
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Put, baseUrl + "/latest/api/token");
            tokenRequest.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", "21600");
            using var tokenResponse = await http.SendAsync(tokenRequest, cancellationToken).ConfigureAwait(false);
            if (tokenResponse.IsSuccessStatusCode)
            {
                sessionToken = (await tokenResponse.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // The session token is optional (IMDSv1 services have none).
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + options.MetadataTokenPath);
            if (!string.IsNullOrEmpty(sessionToken))
            {
                request.Headers.Add("X-aws-ec2-metadata-token", sessionToken);
            }

            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                return null;
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            byte[] buffer = new byte[MaxTokenBytes + 1];
            int read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            string token = Encoding.UTF8.GetString(buffer, 0, read).Trim();
            return token.Length > 0 ? token : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}
