namespace Plexd.Plugins.Actions.Processes;

/// <summary>What to run: the program, its arguments and its entire environment (nothing is inherited).</summary>
/// <param name="Program">Absolute path, or a name looked up in PATH.</param>
/// <param name="Arguments">Arguments, passed without a shell.</param>
/// <param name="Environment">The complete environment of the process.</param>
/// <param name="OutputLimit">Bytes kept of stdout and of stderr each.</param>
internal sealed record ProcessSpec(string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, int OutputLimit);

/// <summary>How a process ended.</summary>
/// <param name="ExitCode">The exit code; 1 when it could not be started.</param>
/// <param name="Stdout">Captured standard output (capped).</param>
/// <param name="Stderr">Captured standard error (capped), or the start error.</param>
/// <param name="Started">False when the program could not be started.</param>
/// <param name="Killed">True when cancellation killed it; the exit code is then −1 and the output what was captured before.</param>
internal sealed record ProcessOutcome(int ExitCode, string Stdout, string Stderr, bool Started = true, bool Killed = false)
{
    /// <summary>For callers that treat a kill as cancellation and have no use for partial output.</summary>
    /// <exception cref="OperationCanceledException">The process was killed.</exception>
    public ProcessOutcome ThrowIfKilled(CancellationToken cancellationToken) =>
        Killed ? throw new OperationCanceledException(cancellationToken) : this;
}
