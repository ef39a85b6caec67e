using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.LogForwarding.Tests;

/// <summary>The journald source end to end: real journal files, real journalctl, real HTTP to the development control plane.</summary>
public sealed class JournalForwardingTests : IAsyncLifetime
{
    private LogForwardingHarness _h = null!;

    public async Task InitializeAsync() => _h = await LogForwardingHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private LogOptions JournalOptions()
    {
        var options = _h.Options();
        options.Journald = true;
        options.JournalDirectory = _h.PathOf("journal");
        options.StartAt = "beginning";
        options.Units = ["nginx"];
        options.MinSeverity = "info";
        return options;
    }

    [JournalFact]
    public async Task JournalEntries_AreFiltered_MappedAndForwarded()
    {
        await JournalFile.AppendAsync(_h.PathOf("journal"),
            ("nginx.service", 3, "upstream timed out"),
            ("other.service", 3, "not a configured unit"),
            ("nginx.service", 7, "below min_severity"),
            ("plexd.service", 6, "the agent's own unit is always included"));
        await _h.StartAgentAsync(JournalOptions());
        await Eventually.HoldsAsync(() => _h.Posted.Count >= 2, "two journal entries posted", TimeSpan.FromSeconds(20));

        var posted = _h.Posted;
        Assert.Equal(["upstream timed out", "the agent's own unit is always included"], posted.Select(e => e.Message));
        Assert.Equal(["nginx.service", "plexd.service"], posted.Select(e => e.Unit));
        Assert.Equal(["err", "info"], posted.Select(e => e.Severity));
        Assert.All(posted, e => Assert.Equal("journald", e.Source));
        Assert.All(posted, e => Assert.Equal("edge-07", e.Hostname));
        Assert.InRange(posted[0].Timestamp, TimeProvider.System.GetUtcNow().AddMinutes(-1), TimeProvider.System.GetUtcNow());

        // Followed: a record written now arrives too.
        await JournalFile.AppendAsync(_h.PathOf("journal"), ("nginx.service", 4, "followed"));
        await Eventually.HoldsAsync(() => _h.Posted.Count >= 3, "the followed entry", TimeSpan.FromSeconds(20));
        Assert.Equal(("followed", "warning"), (_h.Posted[2].Message, _h.Posted[2].Severity));
    }

    [JournalFact]
    public async Task Restart_ResumesAfterTheSavedCursor()
    {
        await JournalFile.AppendAsync(_h.PathOf("journal"), ("nginx.service", 6, "one"));
        await _h.StartAgentAsync(JournalOptions());
        await Eventually.HoldsAsync(() => _h.Posted.Count >= 1, "the first entry", TimeSpan.FromSeconds(20));
        await _h.StopAgentAsync();
        Assert.StartsWith("s=", File.ReadAllText(Path.Combine(_h.DataDirectory, "logfwd", "journal.cursor")), StringComparison.Ordinal);

        await JournalFile.AppendAsync(_h.PathOf("journal"), ("nginx.service", 6, "two"));
        await _h.StartAgentAsync(JournalOptions());
        await Eventually.HoldsAsync(() => _h.Posted.Count >= 2, "the entry written while stopped", TimeSpan.FromSeconds(20));
        await JournalFile.AppendAsync(_h.PathOf("journal"), ("nginx.service", 6, "three"));
        await Eventually.HoldsAsync(() => _h.Posted.Count >= 3, "a new entry after restart", TimeSpan.FromSeconds(20));
        Assert.Equal(["one", "two", "three"], _h.Posted.Select(e => e.Message));
    }
}
