using Microsoft.AspNetCore.Http;

namespace Plexd.Plugins.NodeApi.Http;

/// <summary>Reads request bodies with a size cap.</summary>
internal static class RequestBody
{
    /// <summary>
    /// The whole body, or null when it exceeds <paramref name="limit"/> bytes. An oversized body is still read to its
    /// end (and thrown away), so the client, still sending, gets the 400 instead of a broken pipe; Kestrel's own cap
    /// (<see cref="NodeApiServer.MaxDrainedBody"/>) bounds that.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16384];
        bool tooLarge = false;
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            tooLarge |= buffer.Length + read > limit;
            if (!tooLarge)
            {
                buffer.Write(chunk, 0, read);
            }
        }

        return tooLarge ? null : buffer.ToArray();
    }
}
