using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Plexd.Sdk.Events;

namespace Plexd.Core.Events;

/// <summary>
/// What happens to each event from the stream (spec 01 §2.3): parse the envelope, verify it, dispatch it. Nothing
/// malformed escapes: every refusal is a warning naming the event and the reason, and is counted.
/// </summary>
internal sealed class EventPipeline(EventVerifier verifier, EventDispatcher dispatcher, ILogger<EventPipeline> logger)
{
    private readonly ConcurrentDictionary<RejectReason, long> _rejected = new();
    private long _accepted;

    /// <summary>Events verified and dispatched.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Refused events by reason.</summary>
    public IReadOnlyDictionary<RejectReason, long> Rejected => _rejected;

    public async Task ProcessAsync(ReadOnlyMemory<byte> data, string? sseId, CancellationToken cancellationToken)
    {
        SignedEnvelope envelope;
        try
        {
            envelope = SignedEnvelope.Parse(data);
        }
        catch (FormatException ex)
        {
            Reject(RejectReason.Malformed);
            logger.EventMalformed(sseId ?? "(none)", ex.Message);
            return;
        }

        if (verifier.Verify(envelope) is { } reason)
        {
            Reject(reason);
            logger.EventRejected(envelope.EventId, envelope.EventType, reason);
            return;
        }

        Interlocked.Increment(ref _accepted);
        await dispatcher.DispatchAsync(new VerifiedEvent(envelope.EventType, envelope.EventId, envelope.IssuedAt, envelope.Payload), cancellationToken)
            .ConfigureAwait(false);
    }

    private void Reject(RejectReason reason) => _rejected.AddOrUpdate(reason, 1, static (_, n) => n + 1);
}
