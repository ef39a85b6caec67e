using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Plexd.Plugins.Actions.Execution;
using Plexd.Plugins.Actions.Hooks;
using Plexd.Plugins.Actions.Integrity;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Plugins;
using Plexd.Sdk.Status;
using Plexd.Sdk.Subsystems;
using Plexd.Sdk.Testing;
using Plexd.Sdk.Wire;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.Actions.Tests.Hooks;

/// <summary>
/// Hook baselines (spec 03 §5.5, §5.9, §6): a hook is announced with its file's current SHA-256; a change is reported
/// once (at the rescan or verification that first sees it) and sent in capabilities; the trusted baseline stays for
/// local runs until a reload.
/// </summary>
public sealed class HookSetTests : IDisposable
{
    private const string Hook = "check.sh";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "plexd-hookset-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly IControlPlane _plane = Substitute.For<IControlPlane>();
    private readonly IAgentStatus _agent = Substitute.For<IAgentStatus>();
    private readonly List<IntegrityViolationReport> _violations = [];
    private readonly List<CapabilitiesPayload> _capabilities = [];

    public HookSetTests()
    {
        Directory.CreateDirectory(HooksDir);
        Directory.CreateDirectory(DataDir);
        _agent.NodeId.Returns("n_test");
        _agent.Version.Returns("1.0.0");
        _plane.ReportIntegrityViolationAsync("n_test", Arg.Do<IntegrityViolationReport>(r => { lock (_violations) { _violations.Add(r); } }), Arg.Any<CancellationToken>())
            .Returns(Task.CompletedTask);
        _plane.ReportCapabilitiesAsync("n_test", Arg.Do<CapabilitiesPayload>(c => { lock (_capabilities) { _capabilities.Add(c); } }), Arg.Any<CancellationToken>())
            .Returns(Task.CompletedTask);
        WriteHook("#!/bin/sh\necho one\n");
    }

    private string HooksDir => Path.Combine(_root, "hooks");

    private string DataDir => Path.Combine(_root, "data");

    private string HookPath => Path.Combine(HooksDir, Hook);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task ChangedHook_ReportedOncePerChange_AnnouncedWithItsCurrentChecksum_TrustedBaselineKeptUntilReload()
    {
        var (hooks, integrity) = NewHookSet(new HooksOptions { Dir = HooksDir });
        var capabilities = new CapabilitiesReporter(new ActionCatalog([], NullLogger<ActionCatalog>.Instance), hooks, integrity, _plane, _agent, NullLogger<CapabilitiesReporter>.Instance);
        string one = Sha("#!/bin/sh\necho one\n");
        Assert.True(await hooks.ScanAsync(trustChanges: false, CancellationToken.None));
        Assert.Equal(one, AnnouncedChecksum(capabilities));
        Assert.Empty(_violations);

        // Edited: the rescan reports it once and announces the new content.
        string two = WriteHook("#!/bin/sh\necho two\n");
        Assert.True(await hooks.ScanAsync(trustChanges: false, CancellationToken.None));
        Assert.Equal(two, AnnouncedChecksum(capabilities));
        var first = Assert.Single(_violations);
        Assert.Equal(("hook", HookPath, one, two, "hook changed"), (first.Type, first.Path, first.ExpectedChecksum, first.ActualChecksum, first.Detail));

        // Every later verification (each verify_interval) and rescan sees the same content: nothing more is reported.
        for (int i = 0; i < 3; i++)
        {
            var verification = await hooks.VerifyAllAsync(CancellationToken.None);
            Assert.False(verification.Changed);
            Assert.Equal((two, HookSet.Modified), (verification.Results[0].Hook.Checksum, verification.Results[0].State));
        }

        Assert.False(await hooks.ScanAsync(trustChanges: false, CancellationToken.None));
        Assert.Single(_violations);
        Assert.Equal(one, hooks.TrustedChecksum(hooks.Hooks[0])); // local runs without a checksum still need the trusted content

        // A change the watcher missed is found by the verification: reported once more, announced, capabilities due.
        string three = WriteHook("#!/bin/sh\necho three\n");
        var missed = await hooks.VerifyAllAsync(CancellationToken.None);
        Assert.True(missed.Changed);
        Assert.Equal(three, AnnouncedChecksum(capabilities));
        Assert.Equal(2, _violations.Count);
        Assert.Equal((two, three), (_violations[1].ExpectedChecksum, _violations[1].ActualChecksum));
        Assert.False((await hooks.VerifyAllAsync(CancellationToken.None)).Changed);
        Assert.Equal(2, _violations.Count);

        // A reload trusts the current content without a report.
        await hooks.ScanAsync(trustChanges: true, CancellationToken.None);
        Assert.Equal((three, HookSet.Verified), (hooks.TrustedChecksum(hooks.Hooks[0]), (await hooks.VerifyAllAsync(CancellationToken.None)).Results[0].State));
        Assert.Equal(2, _violations.Count);
    }

    [Fact]
    public async Task HookChangedWhileTheAgentWasDown_ReportedOnceAtTheFirstScan()
    {
        var (before, _) = NewHookSet(new HooksOptions { Dir = HooksDir });
        await before.ScanAsync(trustChanges: false, CancellationToken.None);
        string changed = WriteHook("#!/bin/sh\necho changed offline\n");

        var (after, _) = NewHookSet(new HooksOptions { Dir = HooksDir });
        await after.ScanAsync(trustChanges: false, CancellationToken.None);
        await after.VerifyAllAsync(CancellationToken.None);
        Assert.Equal(changed, Assert.Single(_violations).ActualChecksum);
        Assert.Equal(changed, after.Hooks[0].Checksum);
    }

    [Fact]
    public async Task PeriodicVerification_HookChanged_CapabilitiesSentAgainWithTheNewChecksum()
    {
        var time = new ManualTimeProvider();
        string binary = Path.Combine(_root, "plexd");
        await File.WriteAllTextAsync(binary, "binary");
        var integrityOptions = new IntegrityOptions { BinaryPath = binary, VerifyInterval = TimeSpan.FromSeconds(30) };
        var hooksOptions = new HooksOptions { Dir = HooksDir, Watch = false };
        var actionsOptions = new ActionsOptions();
        var integrity = new IntegrityVerifier(new ChecksumStore(), integrityOptions, _plane, _agent, time, NullLogger<IntegrityVerifier>.Instance);
        var hooks = new HookSet(new HookScanner(hooksOptions, NullLogger<HookScanner>.Instance), integrity, NullLogger<HookSet>.Instance);
        var catalog = new ActionCatalog([], NullLogger<ActionCatalog>.Instance);
        using var executor = new ActionExecutor(catalog, hooks, new HookRunner(integrity, actionsOptions), actionsOptions, _plane, _agent, time, NullLogger<ActionExecutor>.Instance);
        using var watcher = new HookWatcher(hooksOptions, NullLogger<HookWatcher>.Instance);
        var capabilities = new CapabilitiesReporter(catalog, hooks, integrity, _plane, _agent, NullLogger<CapabilitiesReporter>.Instance);
        var subsystem = new ActionsSubsystem(executor, hooks, watcher, integrity, capabilities, integrityOptions, actionsOptions, hooksOptions, time, NullLogger<ActionsSubsystem>.Instance);

        await subsystem.SetupAsync(new SubsystemContext(new NodeInfo("n_test", "10.99.0.4"), AgentMode.Node, DataDir), CancellationToken.None);
        Assert.Equal(Sha("#!/bin/sh\necho one\n"), Assert.Single(_capabilities).Hooks![0].Checksum);
        using var stop = new CancellationTokenSource();
        var run = subsystem.RunAsync(stop.Token);
        await Eventually.HoldsAsync(() => time.ActiveTimers > 0, "periodic verification armed");

        string two = WriteHook("#!/bin/sh\necho two\n");
        time.Advance(integrityOptions.VerifyInterval);
        await Eventually.HoldsAsync(() => { lock (_capabilities) { return _capabilities.Count == 2; } }, "capabilities sent again after the change");
        Assert.Equal(two, _capabilities[1].Hooks![0].Checksum);
        Assert.Equal(two, Assert.Single(_violations).ActualChecksum);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        await subsystem.TeardownAsync(CancellationToken.None);
    }

    private (HookSet Hooks, IntegrityVerifier Integrity) NewHookSet(HooksOptions options)
    {
        var store = new ChecksumStore();
        store.Load(DataDir);
        var integrity = new IntegrityVerifier(store, new IntegrityOptions(), _plane, _agent, TimeProvider.System, NullLogger<IntegrityVerifier>.Instance);
        return (new HookSet(new HookScanner(options, NullLogger<HookScanner>.Instance), integrity, NullLogger<HookSet>.Instance), integrity);
    }

    private static string AnnouncedChecksum(CapabilitiesReporter capabilities) => Assert.Single(capabilities.Build().Hooks!).Checksum;

    private string WriteHook(string content)
    {
        File.WriteAllText(HookPath, content);
        File.SetUnixFileMode(HookPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return Sha(content);
    }

    private static string Sha(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
