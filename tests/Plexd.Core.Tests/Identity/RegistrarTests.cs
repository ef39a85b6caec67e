using Microsoft.Extensions.Logging.Abstractions;
using Plexd.ControlPlane.Dev;
using Plexd.Core.Configuration;
using Plexd.Core.Hosting;
using Plexd.Core.Identity;
using Plexd.Core.Tests.TestSupport;
using Plexd.Sdk.Testing;
using Xunit;

namespace Plexd.Core.Tests.Identity;

public sealed class RegistrarTests : IAsyncLifetime
{
    private DevControlPlane _plane = null!;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "plexd-reg-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        _plane = await DevControlPlane.StartAsync();
        _plane.State.AddToken("plx_ok");
        Directory.CreateDirectory(_dir);
    }

    public async Task DisposeAsync()
    {
        await _plane.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private CoreComponents Components(TimeProvider time, string tokenYaml) =>
        new(AgentConfiguration.FromYaml($"api:\n  url: {_plane.Url}\n  request_timeout: 1h\ndata_dir: {_dir}/data\ntoken:\n{tokenYaml}").Core, NullLoggerFactory.Instance, time, _ => null);

    [Fact]
    public async Task Register_WithTokenFile_WritesIdentityDeletesFileAndUsesBearer()
    {
        string tokenFile = Path.Combine(_dir, "bootstrap-token");
        await File.WriteAllTextAsync(tokenFile, "plx_ok\n");
        using var components = Components(TimeProvider.System, $"  file: {tokenFile}\n");
        var identity = await components.Registrar.LoadOrRegisterAsync(CancellationToken.None);

        Assert.False(File.Exists(tokenFile));
        Assert.Equal(identity.NodeSecretKey, components.Credentials.Token);
        var register = _plane.State.Requests.Single(r => r.Path == "/v1/register");
        Assert.Equal("Bearer plx_ok", register.Headers["Authorization"]);
        Assert.StartsWith("{\"token\":\"plx_ok\",\"public_key\":\"", System.Text.Encoding.UTF8.GetString(register.Body), StringComparison.Ordinal);
        Assert.Equal(identity.NodeId, new IdentityStore(Path.Combine(_dir, "data")).Load()!.NodeId);
    }

    [Fact]
    public async Task Register_409_FailsAtOnce()
    {
        _plane.State.AddFault(new FaultRule("/v1/register", 409));
        using var components = Components(TimeProvider.System, "  value: plx_ok\n");
        var error = await Assert.ThrowsAsync<RegistrationException>(() => components.Registrar.RegisterAsync(CancellationToken.None));
        Assert.Contains("HTTP 409", error.Message, StringComparison.Ordinal);
        Assert.Single(_plane.State.Requests);
    }

    [Fact]
    public async Task FailedReregistration_LeavesTheNodeKeyAsTheBearer_NotTheBootstrapToken()
    {
        using var components = Components(TimeProvider.System, "  value: plx_ok\n");
        components.Credentials.Publish("nsk-current");
        _plane.State.AddFault(new FaultRule("/v1/register", 409));
        await Assert.ThrowsAsync<RegistrationException>(() => components.Registrar.RegisterAsync(CancellationToken.None));
        Assert.Equal("nsk-current", components.Credentials.Token);
    }

    [Fact]
    public async Task Register_503_RetriedWithGrowingDelaysUntilMaxDuration()
    {
        _plane.State.AddFault(new FaultRule("/v1/register", 503));
        var time = new ManualTimeProvider();
        using var components = Components(time, "  value: plx_ok\n");
        var registration = components.Registrar.RegisterAsync(CancellationToken.None);
        var delays = new List<TimeSpan>();
        while (!registration.IsCompleted)
        {
            // The request timeout (1h here) is armed while a request is in flight; wait for the retry delay instead.
            await WaitFor.ConditionAsync(() => registration.IsCompleted || (time.NextDue is { } due && due - time.GetUtcNow() < TimeSpan.FromMinutes(2)));
            if (!registration.IsCompleted)
            {
                delays.Add(time.AdvanceToNextTimer());
            }
        }

        var error = await Assert.ThrowsAsync<RegistrationException>(() => registration);
        Assert.Contains("retry timeout after 5m0s", error.Message, StringComparison.Ordinal);
        Assert.True(delays.Sum(d => d.TotalSeconds) >= 300);
        Assert.InRange(delays[0].TotalSeconds, 0.75, 1.25);
        Assert.InRange(delays[3].TotalSeconds, 6, 10);
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromSeconds(75)));
        Assert.Equal(delays.Count + 1, _plane.State.Requests.Count);
    }

    [Fact]
    public async Task LoadOrRegister_AfterACrashBetweenIdentityFiles_RegistersAfresh()
    {
        // A kill after identity.json but before the companion files leaves an unusable identity (never a torn file).
        using (var first = Components(TimeProvider.System, "  value: plx_ok\n"))
        {
            await first.Registrar.LoadOrRegisterAsync(CancellationToken.None);
        }

        File.Delete(Path.Combine(_dir, "data", "node_secret_key"));
        File.Delete(Path.Combine(_dir, "data", "signing_public_key"));
        File.WriteAllText(Path.Combine(_dir, "data", ".tmp-node_secret_key"), "half-writ");

        using var second = Components(TimeProvider.System, "  value: plx_ok\n");
        var identity = await second.Registrar.LoadOrRegisterAsync(CancellationToken.None);

        Assert.Equal(2, _plane.State.Requests.Count(r => r.Path == "/v1/register"));
        Assert.Equal(identity.NodeSecretKey, File.ReadAllText(Path.Combine(_dir, "data", "node_secret_key")));
        Assert.False(File.Exists(Path.Combine(_dir, "data", ".tmp-node_secret_key")));
    }

    [Fact]
    public async Task JoinKilledWithSigkillWhileRegistering_RestartsCleanly()
    {
        // The control plane fails registration, so `plexd join` sits in its retry loop; SIGKILL it there.
        _plane.State.AddFault(new FaultRule("/v1/register", 503));
        string config = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(config, $"api: {_plane.Url}\ndata_dir: {_dir}/data\ntoken:\n  value: plx_ok\nplugins:\n  manifest: {_dir}/none.yaml\n");
        using (var first = StartJoin(config))
        {
            await WaitFor.ConditionAsync(() => _plane.State.Requests.Count(r => r.Path == "/v1/register") >= 2, because: "join retrying");
            first.Kill(); // SIGKILL
            await first.WaitForExitAsync();
        }

        Assert.False(File.Exists(Path.Combine(_dir, "data", "identity.json")));
        _plane.State.ClearFaults();
        using var second = StartJoin(config);
        string output = await second.StandardOutput.ReadToEndAsync();
        await second.WaitForExitAsync();

        Assert.Equal(0, second.ExitCode);
        var identity = new IdentityStore(Path.Combine(_dir, "data")).Load()!;
        Assert.Equal($"node_id: {identity.NodeId}\nmesh_ip: {identity.MeshIp}\n", output);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "data"), ".tmp-*"));
    }

    private static System.Diagnostics.Process StartJoin(string config)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "plexd.dll"), "join", "--config", config })
        {
            start.ArgumentList.Add(arg);
        }

        var process = System.Diagnostics.Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }
}
