using System.Diagnostics;
using System.Text;

namespace Plexd.Testing.Integration;

/// <summary>A real <c>plexd up</c> process from the built tree, optionally inside a network namespace.</summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AgentProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The agent's pid (<c>ip netns exec</c> execs the agent in place, so this is plexd itself).</summary>
    public int Pid => _process.Id;

    /// <summary>True once the process ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code (only once <see cref="HasExited"/>).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the agent wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>plexd up --config <paramref name="configPath"/></c> (in <paramref name="netns"/> when given), from the
    /// built tree or from <paramref name="executable"/> (e.g. a package installed into a scratch root). Audit forwarding
    /// is off unless <paramref name="auditDaemon"/>: the kernel has one audit daemon slot, and agents of tests running in
    /// parallel would otherwise take it from the tests that need it.
    /// </summary>
    public static AgentProcess Start(string configPath, string? netns = null, IReadOnlyDictionary<string, string>? environment = null, string? executable = null, bool auditDaemon = false)
    {
        executable ??= Artifacts.Plexd;
        var start = new ProcessStartInfo(netns is null ? executable : "ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        var arguments = netns is null ? [] : new List<string> { "netns", "exec", netns, executable };
        arguments.AddRange(["up", "--config", configPath]);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (!auditDaemon)
        {
            start.Environment["PLEXD_AUDIT__ENABLED"] = "false";
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new AgentProcess(Process.Start(start)!);
    }

    /// <summary>Sends SIGTERM and waits for the exit; returns the exit code.</summary>
    /// <exception cref="TimeoutException">The agent did not stop within <paramref name="timeout"/> (default 40 s).</exception>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        if (!_process.HasExited)
        {
            await Shell.RunAsync($"kill -TERM {_process.Id}", check: false);
        }

        await _process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromSeconds(40));
        return _process.ExitCode;
    }

    /// <summary>Kills the agent (and anything it started) if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
