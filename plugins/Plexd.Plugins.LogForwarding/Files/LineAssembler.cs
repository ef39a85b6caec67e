using Plexd.Plugins.LogForwarding.Entries;

namespace Plexd.Plugins.LogForwarding.Files;

/// <summary>
/// Cuts a byte stream into lines (LF, an optional CR before it dropped). Holds at most one byte more than the line
/// limit of an unfinished line, so a runaway line costs bounded memory and still comes out with the marker.
/// </summary>
internal sealed class LineAssembler(LineLimit limit)
{
    private byte[] _pending = new byte[512];
    private int _kept;

    /// <summary>Bytes of the unfinished line consumed so far (kept or not).</summary>
    public long PendingBytes { get; private set; }

    /// <summary>Consumes <paramref name="data"/>, emitting each completed non-empty line.</summary>
    public void Feed(ReadOnlySpan<byte> data, Action<string> emit)
    {
        while (!data.IsEmpty)
        {
            int newline = data.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Append(data);
                return;
            }

            if (PendingBytes == 0)
            {
                Emit(data[..newline], emit); // the common case: a whole line inside the chunk, no copy
            }
            else
            {
                Append(data[..newline]);
                Flush(emit);
            }

            data = data[(newline + 1)..];
        }
    }

    /// <summary>Emits the unfinished line, if any (its file was rotated away and will not grow any more).</summary>
    public void Flush(Action<string> emit)
    {
        if (PendingBytes > 0)
        {
            Emit(_pending.AsSpan(0, _kept), emit);
        }

        Reset();
    }

    /// <summary>Forgets the unfinished line (its file was truncated).</summary>
    public void Reset()
    {
        _kept = 0;
        PendingBytes = 0;
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        PendingBytes += part.Length;
        int room = limit.MaxBytes + 1 - _kept;
        var keep = part[..Math.Min(room, part.Length)];
        if (_kept + keep.Length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Min(limit.MaxBytes + 1, Math.Max(_pending.Length * 2, _kept + keep.Length)));
        }

        keep.CopyTo(_pending.AsSpan(_kept));
        _kept += keep.Length;
    }

    private void Emit(ReadOnlySpan<byte> line, Action<string> emit)
    {
        if (line.Length > 0 && line.Length <= limit.MaxBytes + 1 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (!line.IsEmpty)
        {
            emit(limit.Decode(line));
        }
    }
}
