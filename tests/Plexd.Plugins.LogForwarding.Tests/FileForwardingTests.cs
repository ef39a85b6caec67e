using System.Text;
using Plexd.ControlPlane.Dev;
using Plexd.Sdk.Heartbeat;
using Plexd.Sdk.Status;
using Plexd.Testing.Integration;
using Xunit;
using static Plexd.Plugins.LogForwarding.Tests.LogForwardingHarness;

namespace Plexd.Plugins.LogForwarding.Tests;

/// <summary>File sources end to end: real files, the plugin's subsystem, real HTTP to the development control plane.</summary>
public sealed class FileForwardingTests : IAsyncLifetime
{
    private LogForwardingHarness _h = null!;

    public async Task InitializeAsync() => _h = await LogForwardingHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private HeartbeatBuilder Heartbeat()
    {
        var heartbeat = new HeartbeatBuilder();
        _h.Service<IHeartbeatContributor>().Contribute(heartbeat);
        return heartbeat;
    }

    private Task ArrivedAsync(int count, string what) =>
        Eventually.HoldsAsync(() => _h.Posted.Count >= count, what, TimeSpan.FromSeconds(20));

    [Fact]
    public async Task AppendedLines_ArriveInABatch_WithTheEntryFields()
    {
        string log = _h.PathOf("app.log");
        Append(log, ["written before the agent started"]);
        await _h.StartAgentAsync(_h.Options("*.log"));
        await Eventually.HoldsAsync(async () => (await _h.StatusAsync()).GetProperty("sources").GetArrayLength() == 1, "the file is followed");

        var before = TimeProvider.System.GetUtcNow().AddSeconds(-1);
        Append(log, ["upstream timed out", "second line\r"]);
        await ArrivedAsync(2, "two appended lines posted");

        var posted = _h.Posted;
        Assert.Equal(["upstream timed out", "second line"], posted.Select(e => e.Message));
        Assert.All(posted, e =>
        {
            Assert.Equal("file", e.Source);
            Assert.Equal(log, e.Unit);
            Assert.Equal("info", e.Severity);
            Assert.Equal("edge-07", e.Hostname);
            Assert.InRange(e.Timestamp, before, TimeProvider.System.GetUtcNow().AddSeconds(1));
        });
        var request = _h.Plane.State.Requests.Last(r => r.Path.EndsWith("/logs", StringComparison.Ordinal));
        Assert.StartsWith("[{\"timestamp\":", Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LineOf20KiB_ArrivesCutTo16KiB_WithTheMarker()
    {
        string log = _h.PathOf("big.log");
        File.WriteAllText(log, "");
        await _h.StartAgentAsync(_h.Options("big.log"));
        await Eventually.HoldsAsync(async () => (await _h.StatusAsync()).GetProperty("sources").GetArrayLength() == 1, "the file is followed");

        string line = string.Concat(Enumerable.Range(0, 20 * 1024 / 8).Select(i => $"{i % 10000000:D7} "));
        Append(log, [line, "next"]);
        await ArrivedAsync(2, "the long line and the next one");

        string message = _h.Posted[0].Message;
        Assert.Equal(16 * 1024, Encoding.UTF8.GetByteCount(message));
        Assert.EndsWith("[truncated]", message, StringComparison.Ordinal);
        Assert.Equal(line[..(16 * 1024 - "[truncated]".Length)], message[..^"[truncated]".Length]);
        Assert.Equal("next", _h.Posted[1].Message);
    }

    [Fact]
    public async Task ReadmeSourcesAndMaxLineSize_FileIsFollowed_AndLinesCutAtTheConfiguredSize()
    {
        string log = _h.PathOf("app.log");
        File.WriteAllText(log, "");
        var options = _h.Options();
        options.Sources = [log];
        options.MaxLineSize = 300;
        await _h.StartAgentAsync(options);
        await Eventually.HoldsAsync(async () => (await _h.StatusAsync()).GetProperty("sources").GetArrayLength() == 1, "the file is followed");

        Append(log, [new string('x', 1000), "next"]);
        await ArrivedAsync(2, "the long line and the next one");

        Assert.Equal(new string('x', 289) + "[truncated]", _h.Posted[0].Message);
        Assert.Equal("next", _h.Posted[1].Message);
    }

    [Fact]
    public async Task RotatedFile_OldTailAndNewFileAreBothForwarded()
    {
        string log = _h.PathOf("svc.log");
        File.WriteAllText(log, "");
        await _h.StartAgentAsync(_h.Options("svc.log"));
        await Eventually.HoldsAsync(async () => (await _h.StatusAsync()).GetProperty("sources").GetArrayLength() == 1, "the file is followed");
        Append(log, ["before rotation"]);
        await ArrivedAsync(1, "the first line");

        File.Move(log, log + ".1");
        Append(log + ".1", ["late write to the rotated file"]);
        Append(log, ["first line of the new file"]);
        await ArrivedAsync(3, "both files' lines");

        Assert.Equal(["before rotation", "late write to the rotated file", "first line of the new file"], _h.Posted.Select(e => e.Message));
        Append(log, ["still following"]);
        await ArrivedAsync(4, "the new file is followed");
    }

    [Fact]
    public async Task TruncatedFile_IsReadAgainFromTheStart()
    {
        string log = _h.PathOf("trunc.log");
        File.WriteAllText(log, "");
        await _h.StartAgentAsync(_h.Options("trunc.log"));
        await Eventually.HoldsAsync(async () => (await _h.StatusAsync()).GetProperty("sources").GetArrayLength() == 1, "the file is followed");
        Append(log, ["a fairly long line before copytruncate"]);
        await ArrivedAsync(1, "the first line");

        File.WriteAllText(log, "");
        await Eventually.HoldsAsync(async () => (await _h.StatusAsync()).GetProperty("sources")[0].GetProperty("position").GetString() == "0", "truncation seen");
        Append(log, ["after"]);
        await ArrivedAsync(2, "the line after truncation");
        Assert.Equal("after", _h.Posted[1].Message);
    }

    [Fact]
    public async Task Restart_ResumesAtTheSavedPosition_WithoutLossOrRepeats()
    {
        string log = _h.PathOf("resume.log");
        File.WriteAllText(log, "");
        var options = _h.Options("resume.log");
        await _h.StartAgentAsync(options);
        await Eventually.HoldsAsync(async () => (await _h.StatusAsync()).GetProperty("sources").GetArrayLength() == 1, "the file is followed");
        Append(log, ["one"]);
        // Acknowledged, not just received: a POST cut off by the stop would be sent again (at-least-once delivery).
        await Eventually.HoldsAsync(async () => (await _h.StatusAsync()).GetProperty("sent").GetInt64() == 1, "the first line acknowledged");
        await _h.StopAgentAsync();

        Append(log, ["two", "three"]);
        await _h.StartAgentAsync(options);
        await ArrivedAsync(3, "lines written while stopped");
        Assert.Equal(["one", "two", "three"], _h.Posted.Select(e => e.Message));
    }

    [Fact]
    public async Task ControlPlaneDownFor5000Lines_AllArriveAfterwards_InOrder()
    {
        string log = _h.PathOf("outage.log");
        File.WriteAllText(log, "");
        var options = _h.Options("outage.log");
        options.BatchSize = 500;
        options.DegradedAfter = TimeSpan.FromMilliseconds(500);
        await _h.StartAgentAsync(options);
        await Eventually.HoldsAsync(async () => (await _h.StatusAsync()).GetProperty("sources").GetArrayLength() == 1, "the file is followed");

        _h.Plane.State.AddFault(new FaultRule($"/v1/nodes/{_h.NodeId}/logs", 503));
        var lines = Enumerable.Range(1, 5000).Select(i => $"line {i:D5}").ToList();
        Append(log, lines);
        await Eventually.HoldsAsync(async () =>
        {
            var status = await _h.StatusAsync();
            return status.GetProperty("buffered").GetInt32() == 5000 && status.GetProperty("last_error").GetString()!.Contains("503", StringComparison.Ordinal);
        }, "5000 lines buffered while posting fails");
        Assert.Empty(_h.Posted);
        await Eventually.HoldsAsync(() => Heartbeat().DegradedReasons.Count == 1, "the heartbeat reports the node degraded");
        Assert.StartsWith("logfwd: posting logs has failed for", Heartbeat().DegradedReasons[0], StringComparison.Ordinal);

        _h.Plane.State.ClearFaults();
        await ArrivedAsync(5000, "all 5000 lines after recovery");
        Assert.Empty(Heartbeat().DegradedReasons);

        Assert.Equal(lines, _h.Posted.Select(e => e.Message));
        // The control plane records a batch before its answer reaches the agent, so "sent" catches up a moment later.
        await Eventually.HoldsAsync(async () => (await _h.StatusAsync()).GetProperty("sent").GetInt64() == 5000, "all 5000 acknowledged");
        Assert.Equal(0, (await _h.StatusAsync()).GetProperty("dropped").GetInt64());
    }

    [Fact]
    public async Task PastTheBound_ExactlyTheOldestAreDropped_AndCounted()
    {
        string log = _h.PathOf("bound.log");
        File.WriteAllText(log, "");
        var options = _h.Options("bound.log");
        // One full-buffer batch and a long interval: exactly one failed POST before the control plane comes back, so
        // no batch peeked before the last evictions can still be in flight when it does.
        options.BatchSize = 1000;
        options.BufferSize = 1000;
        options.Interval = TimeSpan.FromSeconds(2);
        await _h.StartAgentAsync(options);
        await Eventually.HoldsAsync(async () => (await _h.StatusAsync()).GetProperty("sources").GetArrayLength() == 1, "the file is followed");

        _h.Plane.State.AddFault(new FaultRule($"/v1/nodes/{_h.NodeId}/logs", 503));
        var lines = Enumerable.Range(1, 1500).Select(i => $"line {i:D5}").ToList();
        Append(log, lines);
        await Eventually.HoldsAsync(async () =>
        {
            var status = await _h.StatusAsync();
            return status.GetProperty("dropped").GetInt64() == 500 && status.GetProperty("last_error").GetString()!.Contains("503", StringComparison.Ordinal);
        }, "500 evicted and the POST failed");

        _h.Plane.State.ClearFaults();
        await ArrivedAsync(1000, "the newest 1000 lines");
        Assert.Equal(lines[500..], _h.Posted.Select(e => e.Message));
        await Eventually.HoldsAsync(async () => (await _h.StatusAsync()).GetProperty("sent").GetInt64() == 1000, "the newest 1000 acknowledged");
        var status = await _h.StatusAsync();
        Assert.Equal(500, status.GetProperty("dropped").GetInt64());
        Assert.Equal(0, status.GetProperty("buffered").GetInt32());
        Assert.Contains("500 dropped", _h.Service<IStatusProvider>().GetStatus().Detail, StringComparison.Ordinal);
    }
}
