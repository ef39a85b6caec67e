using System.Text;

namespace Plexd.Plugins.Actions.Processes;

/// <summary>
/// Reads a stream to its end keeping the first <c>limit</c> bytes and draining the rest, so a chatty process never
/// blocks on a full pipe. Reaching the limit (exactly the limit counts) appends <c>\n...[truncated]</c>.
/// </summary>
internal sealed class CappedOutput(int limit)
{
    internal const string TruncatedMarker = "\n...[truncated]";
    private readonly MemoryStream _kept = new();
    private readonly Lock _lock = new();

    public async Task ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            lock (_lock)
            {
                int room = limit - (int)_kept.Length;
                if (room > 0)
                {
                    _kept.Write(buffer, 0, Math.Min(room, read));
                }
            }
        }
    }

    public string Text()
    {
        lock (_lock)
        {
            string text = Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);
            return _kept.Length >= limit ? text + TruncatedMarker : text;
        }
    }
}
