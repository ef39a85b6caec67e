using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Actions.Execution;

/// <summary>One execution to run, from the control plane or the node API.</summary>
/// <param name="ExecutionId">The execution id.</param>
/// <param name="Action">Action name.</param>
/// <param name="Parameters">Parameters (string values).</param>
/// <param name="Timeout">The request's Go duration text, or empty.</param>
/// <param name="Checksum">The hook checksum the request expects (required for hooks from the control plane).</param>
/// <param name="TriggeredBy">Echoed into the result.</param>
/// <param name="SessionToken">The session token that authorised a local run (passed to hooks), or empty.</param>
/// <param name="LocalRun">True for node API runs: hooks are verified against their trusted baseline when no checksum is given.</param>
internal sealed record ExecutionRequest(
    string ExecutionId,
    string Action,
    IReadOnlyDictionary<string, string> Parameters,
    string Timeout,
    string Checksum,
    TriggeredBy? TriggeredBy,
    string SessionToken = "",
    bool LocalRun = false);
