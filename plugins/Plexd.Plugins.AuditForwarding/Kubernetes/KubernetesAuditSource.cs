using System.Text;
using Microsoft.Extensions.Logging;
using Plexd.Plugins.AuditForwarding.Status;

namespace Plexd.Plugins.AuditForwarding.Kubernetes;

/// <summary>
/// Follows the Kubernetes audit log (JSON lines) when it exists: every <c>poll_interval</c> the lines appended since
/// the last read become entries. A file that shrank was truncated or replaced and is read again from its start; a
/// last line without its newline waits for it; a line that is not a JSON object is counted and skipped.
/// </summary>
internal sealed class KubernetesAuditSource(AuditOptions options, AuditPipeline pipeline, TimeProvider time, ILogger<KubernetesAuditSource> logger)
{
    private const int MaxLine = 1 << 20;

    private long _offset;
    private bool _present;
    private string? _error;
    private long _lines;
    private long _entries;
    private long _errors;

    /// <summary>The source's state for the status view.</summary>
    public SourceState State => new(
        "k8s-audit",
        _error is not null ? "failed" : _present ? "running" : "waiting",
        _error ?? (_present ? $"{options.KubernetesLog} at byte {Interlocked.Read(ref _offset)}" : $"{options.KubernetesLog} does not exist"),
        Interlocked.Read(ref _lines), Interlocked.Read(ref _entries), Interlocked.Read(ref _errors));

    /// <summary>
    /// While the file does not exist it is looked for this many times less often than it is read: most nodes run no
    /// API server, and an idle agent should not wake every second for a file that is not there. A file that appears
    /// is read from its start, so only the first lines' latency grows.
    /// </summary>
    public const int AbsentPollFactor = 10;

    /// <summary>Polls until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                Poll();
                _error = null;
            }
            catch (IOException ex)
            {
                if (_error != ex.Message)
                {
                    logger.KubernetesLogFailed(options.KubernetesLog, ex.Message);
                }

                _error = ex.Message;
            }

            await Task.Delay(_present ? options.PollInterval : options.PollInterval * AbsentPollFactor, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads what was appended since the last call.</summary>
    public void Poll()
    {
        if (!File.Exists(options.KubernetesLog))
        {
            _present = false;
            Interlocked.Exchange(ref _offset, 0);
            return;
        }

        _present = true;
        using var file = new FileStream(options.KubernetesLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (file.Length < _offset)
        {
            logger.KubernetesLogTruncated(options.KubernetesLog);
            Interlocked.Exchange(ref _offset, 0);
        }

        file.Seek(_offset, SeekOrigin.Begin);
        var pending = new byte[Math.Min(file.Length - _offset, 16L << 20)];
        file.ReadExactly(pending);
        int start = 0;
        for (int newline; (newline = Array.IndexOf(pending, (byte)'\n', start)) >= 0; start = newline + 1)
        {
            Line(Encoding.UTF8.GetString(pending, start, newline - start).TrimEnd('\r'));
        }

        if (pending.Length - start > MaxLine)
        {
            Interlocked.Increment(ref _errors); // a line this long is not an audit event; skip what there is of it
            start = pending.Length;
        }

        Interlocked.Add(ref _offset, start);
    }

    private void Line(string line)
    {
        if (line.Length == 0)
        {
            return;
        }

        Interlocked.Increment(ref _lines);
        if (KubernetesAuditParser.Parse(line, pipeline.Hostname) is { } entry)
        {
            pipeline.Add(entry);
            Interlocked.Increment(ref _entries);
        }
        else
        {
            Interlocked.Increment(ref _errors);
            logger.KubernetesLineMalformed(options.KubernetesLog, line.Length);
        }
    }
}
