using Plexd.ControlPlane.Dev;

namespace Plexd.Testing.Integration;

/// <summary>
/// What a multi-agent test owns: a work directory, a network lab, the development control plane on the lab's host
/// address and the agents. Disposing stops the agents first, then removes the lab, the control plane and the
/// directory, whether or not the test got that far.
/// </summary>
public sealed class MultiAgentScope(string prefix, string? parentDirectory = null) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _labs = [];
    private DevControlPlane? _plane;

    /// <summary>A fresh directory for configs and data (created on first use by the test).</summary>
    public string Work { get; } = Path.Combine(parentDirectory ?? Path.GetTempPath(), $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>The agents started so far; add each one as it starts.</summary>
    public List<AgentProcess> Agents { get; } = [];

    /// <summary>The control plane; <see cref="StartPlaneAsync"/> first.</summary>
    public DevControlPlane Plane => _plane ?? throw new InvalidOperationException("StartPlaneAsync has not run");

    /// <summary>Takes ownership of a lab (removed at dispose) and returns it.</summary>
    public T Own<T>(T lab) where T : IAsyncDisposable
    {
        _labs.Add(lab);
        return lab;
    }

    /// <summary>Starts the control plane on <paramref name="hostAddress"/> at a random port from <paramref name="firstPort"/> on, accepting <paramref name="token"/>.</summary>
    public async Task<DevControlPlane> StartPlaneAsync(string hostAddress, int firstPort, int portRange, string token)
    {
        _plane = await DevControlPlane.StartAsync($"http://{hostAddress}:{firstPort + Random.Shared.Next(portRange)}");
        _plane.State.AddToken(token);
        Directory.CreateDirectory(Work);
        return _plane;
    }

    /// <summary>
    /// <see cref="Eventually.HoldsAsync(Func{Task{bool}}, string, TimeSpan?)"/>, but a timeout also tells what every agent
    /// wrote last (and whether it exited): a multi-agent failure is otherwise a bare "not within 60s".
    /// </summary>
    public async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        try
        {
            await Eventually.HoldsAsync(condition, what, timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + AgentReport(), ex);
        }
    }

    /// <inheritdoc cref="HoldsAsync(Func{Task{bool}}, string, TimeSpan?)"/>
    public Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>The last <paramref name="lines"/> lines of each agent's output, headed by its number and state.</summary>
    public string AgentReport(int lines = 40)
    {
        var report = new System.Text.StringBuilder();
        for (int i = 0; i < Agents.Count; i++)
        {
            var agent = Agents[i];
            string state = agent.HasExited ? $"exited {agent.ExitCode}" : "running";
            string[] output = agent.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            report.Append($"\n--- agent {i + 1} (pid {agent.Pid}, {state}), last {Math.Min(lines, output.Length)} of {output.Length} lines ---\n");
            report.AppendJoin('\n', output.TakeLast(lines));
        }

        return report.ToString();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var agent in Agents)
        {
            await agent.DisposeAsync();
        }

        foreach (var lab in _labs)
        {
            await lab.DisposeAsync();
        }

        if (_plane is not null)
        {
            await _plane.DisposeAsync();
        }

        if (Directory.Exists(Work))
        {
            Directory.Delete(Work, recursive: true);
        }
    }
}
