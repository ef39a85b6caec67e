using System.Security.Cryptography;
using System.Text.Json;
using Plexd.Sdk.Wire;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.AuditForwarding.Tests;

/// <summary>
/// Real kernel audit events over AF_AUDIT netlink: a watch rule added with <c>auditctl</c> on a temporary file, the
/// file opened by child processes, the entries posted to the development control plane. The tests of this class share
/// the kernel's audit state, so they run one after the other; each removes its rule even when it fails.
/// </summary>
[Collection(KernelAuditCollection.Name)]
public sealed class KernelAuditTests : IAsyncLifetime
{
    private readonly string _key = "plexdtest" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "plexd-audit-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
    private string _file = "";
    private string _statusBefore = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _file = Path.Combine(_dir, "secret");
        File.WriteAllText(_file, "s3cret\n");
        File.SetUnixFileMode(_file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (Environment.IsPrivilegedProcess)
        {
            _statusBefore = await KernelStatusAsync();
            await Shell.RunAsync($"auditctl -w {_file} -p r -k {_key}");
        }
    }

    public async Task DisposeAsync()
    {
        if (Environment.IsPrivilegedProcess)
        {
            await Shell.RunAsync($"auditctl -W {_file} -p r -k {_key}", check: false);
        }

        Directory.Delete(_dir, recursive: true);
    }

    // "enabled N" and "pid N" of auditctl -s: what the agent must give back.
    private static async Task<string> KernelStatusAsync() =>
        string.Join(" ", (await Shell.OutputAsync("auditctl -s")).Split('\n').Where(l => l.StartsWith("enabled ", StringComparison.Ordinal) || l.StartsWith("pid ", StringComparison.Ordinal)));

    private static JsonElement Json(Sdk.Json.RawJson raw) => raw.ToElement();

    private AuditEntry[] EntriesForFile(SubsystemHarness harness) =>
        [.. harness.Posted().Where(e => e.Source == "auditd" && Json(e.Object).GetString() == _file)];

    [RootFact]
    public async Task Replace_OpeningTheWatchedFile_PostsEntriesWithSubjectObjectActionResult_AndGivesTheAuditPidBack()
    {
        var options = AuditHarness.FastOptions();
        options.Auditd = true;
        options.Mode = "auto";
        await using (var harness = await AuditHarness.StartAsync(options))
        {
            await Eventually.HoldsAsync(async () => (await harness.StatusAsync()).GetProperty("mode").GetString() == "replace",
                "registered as the audit daemon", TimeSpan.FromSeconds(20));
            Assert.Contains($"pid {Environment.ProcessId}", await KernelStatusAsync(), StringComparison.Ordinal);

            await Shell.RunAsync($"cat {_file} >/dev/null");
            Assert.False(await Shell.RunAsync($"setpriv --reuid=65534 --regid=65534 --clear-groups cat {_file}", check: false));

            await Eventually.HoldsAsync(() => EntriesForFile(harness).Length >= 2, "both opens posted", TimeSpan.FromSeconds(20));
            var entries = EntriesForFile(harness);
            var allowed = entries.Single(e => e.Result == "success");
            var denied = entries.Single(e => e.Result == "failure");

            foreach (var entry in entries)
            {
                Assert.Equal("SYSCALL", entry.EventType);
                Assert.Contains(entry.Action, new[] { "openat", "open" });
                Assert.Equal("audit-host", entry.Hostname);
                Assert.Contains($"key=\"{_key}\"", entry.Raw, StringComparison.Ordinal);
                Assert.Contains("comm=\"cat\"", entry.Raw, StringComparison.Ordinal);
                Assert.True(Json(entry.Subject).GetProperty("pid").GetInt64() > 0);
                Assert.Contains($"key=\"{_key}\"", entry.Raw, StringComparison.Ordinal);
                Assert.Contains("type=PATH msg=audit(", entry.Raw, StringComparison.Ordinal);
                Assert.InRange(entry.Timestamp, TimeProvider.System.GetUtcNow().AddMinutes(-1), TimeProvider.System.GetUtcNow().AddSeconds(1));
            }

            Assert.Equal(0, Json(allowed.Subject).GetProperty("uid").GetInt64());
            Assert.Equal(65534, Json(denied.Subject).GetProperty("uid").GetInt64());
            var status = await harness.StatusAsync();
            Assert.Equal("ok", status.GetProperty("state").GetString());
            Assert.Equal("running", status.GetProperty("sources")[0].GetProperty("state").GetString());
        }

        Assert.Equal(_statusBefore, await KernelStatusAsync());
    }

    [RootFact]
    public async Task Coexist_ReadsTheMulticastCopy_WithoutTakingTheAuditPid()
    {
        bool wasDisabled = _statusBefore.Contains("enabled 0", StringComparison.Ordinal);
        if (wasDisabled)
        {
            await Shell.RunAsync("auditctl -e 1"); // coexist never changes the kernel's settings; auditd would have enabled it
        }

        try
        {
            var options = AuditHarness.FastOptions();
            options.Auditd = true;
            options.Mode = "coexist";
            await using var harness = await AuditHarness.StartAsync(options);
            await Eventually.HoldsAsync(async () => (await harness.StatusAsync()).GetProperty("mode").GetString() == "coexist",
                "reading the multicast group", TimeSpan.FromSeconds(20));
            Assert.Contains("pid 0", await KernelStatusAsync(), StringComparison.Ordinal);

            await Shell.RunAsync($"cat {_file} >/dev/null");

            await Eventually.HoldsAsync(() => EntriesForFile(harness).Length >= 1, "the open posted", TimeSpan.FromSeconds(20));
            Assert.Equal("success", EntriesForFile(harness)[0].Result);
        }
        finally
        {
            if (wasDisabled)
            {
                await Shell.RunAsync("auditctl -e 0", check: false);
            }
        }
    }
}
