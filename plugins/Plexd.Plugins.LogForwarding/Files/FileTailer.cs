using Plexd.Plugins.LogForwarding.Entries;

namespace Plexd.Plugins.LogForwarding.Files;

/// <summary>
/// Follows one path: reads what was appended; after a rotation (the path now names another file) it finishes the old
/// file through its open handle and continues with the new one from its start; after a truncation (the file is
/// shorter than what was read) it starts again from the beginning.
/// </summary>
internal sealed class FileTailer(string path, LineLimit lineLimit) : IDisposable
{
    private readonly byte[] _chunk = new byte[64 * 1024];
    private readonly LineAssembler _lines = new(lineLimit);
    private FileStream? _stream;
    private long _offset;

    /// <summary>The followed path.</summary>
    public string Path { get; } = path;

    /// <summary>The file currently open, if any.</summary>
    public FileIdentity? Identity { get; private set; }

    /// <summary>The offset just past the last complete line read: where a restart resumes.</summary>
    public long Position => _offset - _lines.PendingBytes;

    /// <summary>The last read failure, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Opens the file at <paramref name="offset"/>; null means at its end. A missing file is opened later (from its start).</summary>
    public void Start(long? offset)
    {
        if (TryOpen())
        {
            long length = _stream!.Length;
            // A saved position beyond the end means the file was truncated meanwhile: start again from the top.
            _offset = offset switch { null => length, { } o when o <= length => o, _ => 0 };
            _stream.Position = _offset;
        }
    }

    /// <summary>Emits every complete line appended since the last poll, handling truncation and rotation.</summary>
    public void Poll(Action<string> emit)
    {
        try
        {
            if (_stream is null)
            {
                if (TryOpen())
                {
                    Drain(emit);
                }

                return;
            }

            if (_stream.Length < _offset)
            {
                _stream.Position = _offset = 0;
                _lines.Reset();
            }

            Drain(emit);
            if (FileIdentity.OfPath(Path) is { } current && current != Identity)
            {
                _lines.Flush(emit);
                Close();
                if (TryOpen())
                {
                    Drain(emit);
                }
            }

            Error = null;
        }
        catch (IOException ex)
        {
            Error = ex.Message;
        }
        catch (UnauthorizedAccessException ex)
        {
            Error = ex.Message;
        }
    }

    /// <summary>Reads the rest of a file whose path is gone and emits its unfinished last line.</summary>
    public void Finish(Action<string> emit)
    {
        Poll(emit);
        _lines.Flush(emit);
        Close();
    }

    public void Dispose() => Close();

    private void Drain(Action<string> emit)
    {
        int read;
        while ((read = _stream!.Read(_chunk)) > 0)
        {
            _offset += read;
            _lines.Feed(_chunk.AsSpan(0, read), emit);
        }
    }

    private bool TryOpen()
    {
        try
        {
            _stream = new FileStream(Path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0, // reads go straight into the 64 KiB chunk
            });
            Identity = FileIdentity.OfHandle(_stream.SafeFileHandle);
            _offset = 0;
            Error = null;
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Error = ex.Message;
            return false;
        }
    }

    private void Close()
    {
        _stream?.Dispose();
        _stream = null;
        Identity = null;
        _offset = 0;
        _lines.Reset();
    }
}
