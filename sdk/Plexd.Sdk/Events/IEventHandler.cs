namespace Plexd.Sdk.Events;

/// <summary>
/// Handles verified control-plane events of the types it names. Handlers of one type run one after another in
/// registration order; a throw is logged and does not stop the others.
/// </summary>
public interface IEventHandler
{
    /// <summary>The <c>event_type</c> values this handler wants (see <see cref="EventTypes"/>).</summary>
    IReadOnlyCollection<string> EventTypes { get; }

    /// <summary>Handles one event.</summary>
    Task HandleAsync(VerifiedEvent verifiedEvent, CancellationToken cancellationToken);
}
