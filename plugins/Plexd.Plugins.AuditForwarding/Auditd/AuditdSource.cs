using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Plexd.Plugins.AuditForwarding.Netlink;
using Plexd.Plugins.AuditForwarding.Status;

namespace Plexd.Plugins.AuditForwarding.Auditd;

/// <summary>
/// Reads the kernel's audit records over AF_AUDIT netlink, assembles them into events and buffers one entry per event.
/// In <c>replace</c> mode the agent registers as the audit daemon (AUDIT_SET pid, enabling auditing if it was off) and
/// gives both back when it stops; in <c>coexist</c> mode it reads the read-log multicast group beside a running auditd.
/// </summary>
internal sealed class AuditdSource(AuditOptions options, AuditPipeline pipeline, TimeProvider time, ILogger<AuditdSource> logger)
{
    private readonly Lock _gate = new();

    // Signalled when a record leaves an event open, so the expiry sweep only runs while there is something to expire
    // (an idle agent must not wake every second).
    private readonly Channel<bool> _eventsOpen =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private AuditNetlinkSocket? _socket;
    private bool _heldPid;
    private bool _enabledByUs;
    private string _mode = "";
    private string? _error;
    private long _records;
    private long _entries;
    private long _errors;

    /// <summary>The source's state for the status view.</summary>
    public SourceState State => new(
        "auditd",
        _error is not null ? "failed" : _mode.Length == 0 ? "waiting" : "running",
        _error ?? (_mode.Length == 0 ? "starting" : _mode == "replace" ? "registered as the audit daemon (replace)" : "reading the read-log multicast group (coexist)"),
        Interlocked.Read(ref _records), Interlocked.Read(ref _entries), Interlocked.Read(ref _errors));

    /// <summary>How the kernel stream is read: <c>replace</c>, <c>coexist</c>, or empty before the start.</summary>
    public string Mode => _mode;

    /// <summary>Reads until cancelled; a failure to open or register is reported in <see cref="State"/>, not thrown.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            _socket = new AuditNetlinkSocket();
            await StartAsync(_socket, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            _error = ex.Message;
            logger.AuditdFailed(ex.Message);
            await ReleaseAsync().ConfigureAwait(false);
            return;
        }

        var assembler = new AuditEventAssembler(options.EventTimeout, time);
        using var expiryStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var expiring = ExpireAsync(assembler, expiryStop.Token);
        try
        {
            while (true)
            {
                var message = await _socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _records);
                AuditRecord record;
                try
                {
                    record = AuditRecordParser.FromNetlink(message.Type, message.Text);
                }
                catch (FormatException ex)
                {
                    Interlocked.Increment(ref _errors);
                    logger.RecordUnparsable(ex.Message);
                    continue;
                }

                Emit(assembler.Add(record));
                if (assembler.Open > 0)
                {
                    _eventsOpen.Writer.TryWrite(true);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            _error = ex.Message;
            logger.AuditdFailed(ex.Message);
        }
        finally
        {
            await expiryStop.CancelAsync().ConfigureAwait(false);
            await expiring.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Emit(assembler.Expire(all: true));
            await ReleaseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Gives the audit daemon role (and the enabled flag, if we set it) back; safe to call twice.</summary>
    public async Task ReleaseAsync()
    {
        AuditNetlinkSocket? socket;
        bool heldPid, enabledByUs;
        lock (_gate)
        {
            (socket, heldPid, enabledByUs) = (_socket, _heldPid, _enabledByUs);
            (_socket, _heldPid, _enabledByUs) = (null, false, false);
        }

        if (socket is null)
        {
            return;
        }

        try
        {
            if (heldPid)
            {
                await socket.SetStatusAsync(AuditStatusMask.Pid, new AuditStatus(0, 0), "AUDIT_SET pid 0", CancellationToken.None).ConfigureAwait(false);
                logger.AuditPidReleased();
            }

            if (enabledByUs)
            {
                await socket.SetStatusAsync(AuditStatusMask.Enabled, new AuditStatus(0, 0), "AUDIT_SET enabled 0", CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (IOException ex)
        {
            logger.AuditReleaseFailed(ex.Message);
        }
        finally
        {
            socket.Dispose();
        }
    }

    private async Task StartAsync(AuditNetlinkSocket socket, CancellationToken cancellationToken)
    {
        var status = await socket.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        bool replace = options.Mode switch
        {
            "replace" => true,
            "coexist" => false,
            _ => status.Pid == 0,
        };
        if (replace && status.Pid != 0 && status.Pid != (uint)Environment.ProcessId)
        {
            logger.AuditdAlreadyRegistered(status.Pid);
            replace = false;
        }

        if (replace)
        {
            try
            {
                if (status.Enabled == 0)
                {
                    await socket.SetStatusAsync(AuditStatusMask.Enabled, new AuditStatus(1, 0), "AUDIT_SET enabled 1", cancellationToken).ConfigureAwait(false);
                    _enabledByUs = true;
                }

                await socket.SetStatusAsync(AuditStatusMask.Pid, new AuditStatus(0, (uint)Environment.ProcessId), "AUDIT_SET pid", cancellationToken).ConfigureAwait(false);
                _heldPid = true;
                _mode = "replace";
                logger.AuditdReplacing(status.Enabled, status.Lost);
                return;
            }
            catch (AuditNetlinkException ex)
            {
                // e.g. EEXIST (an auditd registered meanwhile) or EPERM (configuration locked): reading still works.
                logger.AuditdReplaceRefused(ex.Message);
            }
        }

        socket.JoinReadLog();
        _mode = "coexist";
        logger.AuditdCoexisting(status.Pid, status.Enabled);
    }

    private async Task ExpireAsync(AuditEventAssembler assembler, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (assembler.Open == 0)
            {
                await _eventsOpen.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(options.EventTimeout / 2, time, cancellationToken).ConfigureAwait(false);
            Emit(assembler.Expire());
        }
    }

    private void Emit(IReadOnlyList<AuditEvent> events)
    {
        foreach (var auditEvent in events)
        {
            pipeline.Add(AuditEntryMapper.Map(auditEvent, pipeline.Hostname));
            Interlocked.Increment(ref _entries);
        }
    }
}
