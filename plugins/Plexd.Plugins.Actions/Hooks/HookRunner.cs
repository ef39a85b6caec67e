using System.Text;
using Plexd.Plugins.Actions.Integrity;
using Plexd.Plugins.Actions.Processes;
using Plexd.Sdk.Actions;

namespace Plexd.Plugins.Actions.Hooks;

/// <summary>
/// Runs one hook: verified against the expected checksum right before it starts, exec'd without a shell or arguments
/// in a cleared environment, in its own process group (killed as a whole on timeout or shutdown), optionally as
/// another user and in namespaces of its own.
/// </summary>
internal sealed class HookRunner(IntegrityVerifier integrity, ActionsOptions options)
{
    /// <summary>
    /// Runs the hook. On timeout or shutdown the whole process group is killed and the outcome (exit −1, the output
    /// captured until then) comes back with <c>Killed</c> set.
    /// </summary>
    /// <exception cref="HookRefusedException">The hook is missing, fails verification, cannot start, or its user/sandbox is impossible.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the hook started.</exception>
    public async Task<(ActionOutcome Outcome, bool Killed)> RunAsync(HookEntry hook, HookRun run, CancellationToken cancellationToken)
    {
        if (!File.Exists(hook.Path))
        {
            throw new HookRefusedException($"hook not found: {hook.Path}");
        }

        await integrity.VerifyBeforeRunAsync(hook.Path, run.ExpectedChecksum, cancellationToken).ConfigureAwait(false);
        var arguments = new List<string>(HookSandbox.Prefix(hook.Sandbox));
        arguments.AddRange(await HookUser.PrefixAsync(hook.User, cancellationToken).ConfigureAwait(false));
        arguments.Add(hook.Path);
        var spec = new ProcessSpec(arguments[0], arguments[1..], Environment(run), options.MaxOutputBytes);
        var outcome = await ProcessLauncher.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        // A hook that could not start (not executable, no interpreter) is an error, not a failed run (spec 03 §5.3).
        return outcome.Started
            ? (new ActionOutcome(outcome.ExitCode, outcome.Stdout, outcome.Stderr), outcome.Killed)
            : throw new HookRefusedException($"hook could not start: {outcome.Stderr.Trim()}");
    }

    /// <summary>PATH and HOME copied, the node and execution ids, one PLEXD_PARAM_* per parameter, the session token when given.</summary>
    internal static Dictionary<string, string> Environment(HookRun run)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "",
            ["HOME"] = System.Environment.GetEnvironmentVariable("HOME") ?? "",
            ["PLEXD_NODE_ID"] = run.NodeId,
            ["PLEXD_EXECUTION_ID"] = run.Invocation.ExecutionId,
        };
        foreach (var (name, value) in run.Invocation.Parameters)
        {
            environment["PLEXD_PARAM_" + ParameterVariable(name)] = value;
        }

        if (run.SessionToken.Length > 0)
        {
            environment["PLEXD_SESSION_TOKEN"] = run.SessionToken;
        }

        return environment;
    }

    /// <summary>Every character outside [A-Za-z0-9_] becomes '_', then upper case: <c>my-param.name!</c> → <c>MY_PARAM_NAME_</c>.</summary>
    internal static string ParameterVariable(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? char.ToUpperInvariant(c) : '_');
        }

        return text.ToString();
    }
}

/// <summary>What one hook run needs besides the hook.</summary>
/// <param name="Invocation">Execution id and parameters.</param>
/// <param name="NodeId">The node's id (PLEXD_NODE_ID).</param>
/// <param name="ExpectedChecksum">The request's checksum (control plane) or the trusted baseline (local runs).</param>
/// <param name="SessionToken">The session token that authorised a local run, or empty.</param>
internal sealed record HookRun(ActionInvocation Invocation, string NodeId, string ExpectedChecksum, string SessionToken);
