using System.ComponentModel;
using System.Diagnostics;

namespace Plexd.Plugins.Actions.Processes;

/// <summary>
/// Runs a program in a session and process group of its own (<c>setsid</c> execs it in place, so the pid is the
/// group id) with a cleared environment, empty stdin and capped output. Cancellation kills the whole group — children
/// and grandchildren too — and returns what was captured until then, marked <see cref="ProcessOutcome.Killed"/> with exit
/// code −1 (as Go's runHook returns partial output).
/// </summary>
internal static class ProcessLauncher
{
    private static readonly TimeSpan PipeGrace = TimeSpan.FromMilliseconds(500);

    public static async Task<ProcessOutcome> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(spec.Program);
        foreach (string argument in spec.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in spec.Environment)
        {
            start.Environment[name] = value;
        }

        // setsid itself is found through the agent's PATH; the program through the given one.
        start.Environment["PATH"] = spec.Environment.GetValueOrDefault("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin";
        cancellationToken.ThrowIfCancellationRequested();
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return new ProcessOutcome(1, "", ex.Message, Started: false);
        }

        process.StandardInput.Close();
        var stdout = new CappedOutput(spec.OutputLimit);
        var stderr = new CappedOutput(spec.OutputLimit);
        var reading = Task.WhenAll(
            stdout.ReadToEndAsync(process.StandardOutput.BaseStream, CancellationToken.None),
            stderr.ReadToEndAsync(process.StandardError.BaseStream, CancellationToken.None));
        bool killed = false;
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            killed = true;
            ProcessGroup.Kill(process.Id);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        // Output still in the pipes gets a short grace; a detached grandchild holding them open is not waited for.
        await reading.WaitAsync(PipeGrace, TimeProvider.System, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (killed)
        {
            return new ProcessOutcome(-1, stdout.Text(), stderr.Text(), Killed: true);
        }

        // A program setsid could not exec (missing, not executable, no interpreter) is reported by setsid with 126/127.
        int code = process.ExitCode;
        string errors = stderr.Text();
        return code is 126 or 127 && errors.StartsWith("setsid:", StringComparison.Ordinal)
            ? new ProcessOutcome(1, stdout.Text(), errors, Started: false)
            : new ProcessOutcome(code, stdout.Text(), errors);
    }
}
