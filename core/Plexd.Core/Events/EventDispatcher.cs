using Microsoft.Extensions.Logging;
using Plexd.Sdk.Events;
using Plexd.Sdk.Reconcile;

namespace Plexd.Core.Events;

/// <summary>
/// Hands verified events to the handlers registered for their type, one after another in registration order; a
/// failing handler is logged and the rest still run. Events that mean "reconcile" also trigger a reconciliation.
/// </summary>
internal sealed class EventDispatcher
{
    private readonly Dictionary<string, List<IEventHandler>> _handlers = new(StringComparer.Ordinal);
    private readonly IReconcileTrigger _reconcile;
    private readonly ILogger _logger;

    public EventDispatcher(IEnumerable<IEventHandler> handlers, IReconcileTrigger reconcile, ILogger<EventDispatcher> logger)
    {
        foreach (var handler in handlers)
        {
            foreach (string type in handler.EventTypes)
            {
                if (!_handlers.TryGetValue(type, out var list))
                {
                    _handlers[type] = list = [];
                }

                list.Add(handler);
            }
        }

        _reconcile = reconcile;
        _logger = logger;
    }

    public async Task DispatchAsync(VerifiedEvent verifiedEvent, CancellationToken cancellationToken)
    {
        if (_handlers.TryGetValue(verifiedEvent.EventType, out var handlers))
        {
            foreach (var handler in handlers)
            {
                try
                {
                    await handler.HandleAsync(verifiedEvent, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    _logger.HandlerFailed(verifiedEvent.EventType, verifiedEvent.EventId, handler.GetType().Name, ex);
                }
            }
        }
        else
        {
            _logger.NoHandler(verifiedEvent.EventType, verifiedEvent.EventId);
        }

        if (EventTypes.TriggersReconcile(verifiedEvent.EventType))
        {
            _reconcile.TriggerReconcile();
        }
    }
}
