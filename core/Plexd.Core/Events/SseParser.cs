using System.Buffers;
using System.Text;

namespace Plexd.Core.Events;

/// <summary>One dispatched server-sent event.</summary>
/// <param name="Type">The <c>event:</c> field (default <c>message</c>); not used for routing.</param>
/// <param name="Data">The data lines joined with LF, UTF-8.</param>
/// <param name="Id">The <c>id:</c> field of this event, or null.</param>
internal sealed record SseEvent(string Type, byte[] Data, string? Id);

/// <summary>
/// The event-stream line parser of spec 01 §2.2: LF-terminated lines with one optional CR, comments, fields split at
/// the first colon with one leading space dropped, dispatch on a blank line when data was seen. A line longer than
/// 64 KiB ends the stream.
/// </summary>
internal sealed class SseParser(Action<SseEvent> onEvent)
{
    /// <summary>A line plus its LF must fit in this many bytes.</summary>
    public const int MaxLineBytes = 65536;

    private readonly ArrayBufferWriter<byte> _line = new(256);
    private readonly ArrayBufferWriter<byte> _data = new(1024);
    private bool _hasData;
    private string? _type;
    private string? _id;

    /// <summary>The id of the last dispatched event that carried one; never cleared.</summary>
    public string? LastEventId { get; private set; }

    /// <summary>Consumes bytes; returns false when a line exceeded the limit (the stream must end).</summary>
    public bool Feed(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            int lf = chunk.IndexOf((byte)'\n');
            var part = lf < 0 ? chunk : chunk[..lf];
            if (_line.WrittenCount + part.Length + 1 > MaxLineBytes)
            {
                return false;
            }

            _line.Write(part);
            if (lf < 0)
            {
                return true;
            }

            var line = _line.WrittenSpan;
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            ProcessLine(line);
            _line.ResetWrittenCount();
            chunk = chunk[(lf + 1)..];
        }

        return true;
    }

    /// <summary>End of stream: a final unterminated line is processed, but only a blank line dispatches.</summary>
    public void Complete()
    {
        if (_line.WrittenCount > 0)
        {
            var line = _line.WrittenSpan;
            ProcessLine(!line.IsEmpty && line[^1] == '\r' ? line[..^1] : line);
            _line.ResetWrittenCount();
        }
    }

    private void ProcessLine(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            Dispatch();
            return;
        }

        if (line[0] == ':')
        {
            return; // comment / keepalive
        }

        int colon = line.IndexOf((byte)':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? ReadOnlySpan<byte>.Empty : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == ' ')
        {
            value = value[1..];
        }

        if (field.SequenceEqual("data"u8))
        {
            if (_hasData)
            {
                _data.Write("\n"u8);
            }

            _data.Write(value);
            _hasData = true;
        }
        else if (field.SequenceEqual("event"u8))
        {
            _type = Encoding.UTF8.GetString(value);
        }
        else if (field.SequenceEqual("id"u8))
        {
            _id = Encoding.UTF8.GetString(value);
        }

        // `retry:` and unknown fields have no effect.
    }

    private void Dispatch()
    {
        if (_hasData)
        {
            string? id = string.IsNullOrEmpty(_id) ? null : _id;
            if (id is not null)
            {
                LastEventId = id;
            }

            onEvent(new SseEvent(_type ?? "message", _data.WrittenSpan.ToArray(), id));
        }

        _data.ResetWrittenCount();
        _hasData = false;
        _type = null;
        _id = null;
    }
}
