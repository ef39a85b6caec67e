using Microsoft.AspNetCore.Http;

namespace Plexd.Plugins.NodeApi.Http;

/// <summary>Reads request bodies with a size cap.</summary>
internal static class RequestBody
{
    /// <summary>The whole body, or null as soon as it exceeds <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
