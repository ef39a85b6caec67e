using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Plexd.Sdk.Json;
using Plexd.Sdk.Wire;

namespace Plexd.Core.ControlPlane;

/// <summary>
/// A request body in the control plane's JSON, gzip-compressed above <see cref="ControlPlaneClientOptions.GzipThresholdBytes"/>,
/// held in pooled buffers until the request is disposed: a log batch is hundreds of KiB of JSON, and a fresh array per
/// batch (plus one for its compressed form) churned the large object heap at full throughput.
/// </summary>
internal sealed class JsonBodyContent : HttpContent
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly PooledBufferWriter _body;

    private JsonBodyContent(PooledBufferWriter body, bool gzipped)
    {
        _body = body;
        Headers.ContentType = Json;
        if (gzipped)
        {
            Headers.ContentEncoding.Add("gzip");
        }
    }

    /// <summary>The body for <paramref name="value"/>.</summary>
    public static JsonBodyContent Create<T>(T value)
    {
        var json = new PooledBufferWriter(16 * 1024);
        try
        {
            WireJson.Serialize(value, json);
            if (json.WrittenSpan.Length <= ControlPlaneClientOptions.GzipThresholdBytes)
            {
                return new JsonBodyContent(json, gzipped: false);
            }

            // Sized for typical JSON compression, so a large batch is not copied through several growing buffers.
            var compressed = new PooledBufferWriter((json.WrittenSpan.Length / 4) + 64);
            using (var gzip = new GZipStream(new BufferWriterStream(compressed), CompressionLevel.Fastest))
            {
                gzip.Write(json.WrittenSpan);
            }

            json.Dispose();
            return new JsonBodyContent(compressed, gzipped: true);
        }
        catch
        {
            json.Dispose();
            throw;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_body.WrittenMemory).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_body.WrittenMemory, cancellationToken).AsTask();

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(_body.WrittenSpan);

    protected override bool TryComputeLength(out long length)
    {
        length = _body.WrittenSpan.Length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A write-only stream appending to a buffer writer, for <see cref="GZipStream"/>'s output.</summary>
    private sealed class BufferWriterStream(PooledBufferWriter output) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            buffer.CopyTo(output.GetSpan(buffer.Length));
            output.Advance(buffer.Length);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
