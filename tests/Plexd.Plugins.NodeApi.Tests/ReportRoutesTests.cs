using System.Net;
using System.Text;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Wire;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.NodeApi.Tests;

/// <summary>PUT/GET/DELETE of report entries (spec 04 §3.4–3.5), their files, restarts and the upstream sync (§6).</summary>
public sealed class ReportRoutesTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly IControlPlane _controlPlane = Substitute.For<IControlPlane>();
    private NodeApiHost _host = null!;

    public async Task InitializeAsync() => _host = await NodeApiHost.StartAsync(_dir.Path, NodeApiHost.OptionsIn(_dir.Path), _controlPlane);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    private async Task<(HttpStatusCode Status, string Body)> PutAsync(string key, string body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/v1/state/report/" + key) { Content = new StringContent(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var response = await _host.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private const string Health = """{"content_type":"application/json","payload":{"ok":true}}""";

    private List<ReportSyncRequest> Syncs() => _controlPlane.ReceivedCalls()
        .Where(c => c.GetMethodInfo().Name == nameof(IControlPlane.SyncReportsAsync))
        .Select(c => (ReportSyncRequest)c.GetArguments()[1]!).ToList();

    [Fact]
    public async Task Put_VersionsAndOptimisticLocking()
    {
        var first = await PutAsync("health", Health);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Matches("""^\{"key":"health","content_type":"application/json","payload":\{"ok":true\},"version":1,"updated_at":"[^"]+"\}\n$""", first.Body);
        Assert.Contains("\"version\":2", (await PutAsync("health", Health)).Body, StringComparison.Ordinal);

        Assert.Equal((HttpStatusCode.Conflict, "{\"error\":\"version conflict\"}\n"), await PutAsync("health", Health, "1"));
        Assert.Contains("\"version\":2", await _host.Client.GetStringAsync("/v1/state/report/health"), StringComparison.Ordinal);
        Assert.Contains("\"version\":3", (await PutAsync("health", Health, "2")).Body, StringComparison.Ordinal);

        Assert.Contains("\"version\":1", (await PutAsync("fresh", Health, "0")).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await PutAsync("other", Health, "3")).Status);
        Assert.Equal((HttpStatusCode.BadRequest, "{\"error\":\"If-Match must be an integer\"}\n"), await PutAsync("health", Health, "\"3\""));
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAsync("health", Health, "abc")).Status);
    }

    [Theory]
    [InlineData("not json", "invalid JSON body")]
    [InlineData("""{"payload":{}}""", "content_type is required")]
    [InlineData("""{"content_type":"text/plain"}""", "payload must be valid JSON")]
    public async Task Put_BadBody_400NamingTheProblem(string body, string error) =>
        Assert.Equal((HttpStatusCode.BadRequest, $"{{\"error\":\"{error}\"}}\n"), await PutAsync("k", body));

    [Fact]
    public async Task Put_BodyOver1MiB_InvalidJson()
    {
        string big = "{\"content_type\":\"text/plain\",\"payload\":\"" + new string('a', 1 << 20) + "\"}";
        Assert.Equal((HttpStatusCode.BadRequest, "{\"error\":\"invalid JSON body\"}\n"), await PutAsync("k", big));
    }

    [Fact]
    public async Task Put_BodyOverKestrelsOwnCap_StillInvalidJson_Not413()
    {
        string huge = "{\"content_type\":\"text/plain\",\"payload\":\"" + new string('a', 9 << 20) + "\"}";
        Assert.Equal((HttpStatusCode.BadRequest, "{\"error\":\"invalid JSON body\"}\n"), await PutAsync("k", huge));
    }

    [Theory]
    [InlineData("foo%5Cbar")]
    [InlineData("foo%2Fbar")]
    public async Task AnyMethod_KeyThatIsNotAFileName_InvalidReportKey(string key)
    {
        Assert.Equal((HttpStatusCode.BadRequest, "{\"error\":\"invalid report key\"}\n"), await PutAsync(key, Health));
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.Client.GetAsync("/v1/state/report/" + key)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.Client.DeleteAsync("/v1/state/report/" + key)).StatusCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir.Path, "state", "report")));
    }

    [Fact]
    public async Task PutThenDelete_File0600IndentedThenRemoved()
    {
        await PutAsync("disk", Health);
        string file = Path.Combine(_dir.Path, "state", "report", "disk.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Contains("\n  \"key\": \"disk\",", await File.ReadAllTextAsync(file), StringComparison.Ordinal);

        var deleted = await _host.Client.DeleteAsync("/v1/state/report/disk");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("", await deleted.Content.ReadAsStringAsync());
        Assert.False(File.Exists(file));
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.DeleteAsync("/v1/state/report/disk")).StatusCode);
    }

    [Fact]
    public async Task Restart_ReportsMetadataDataAndSecretIndexSurvive()
    {
        await PutAsync("disk", Health);
        await _host.Events.HandleAsync(StateRoutesTests.Event("node_state_updated", """{"metadata":{"a":"1"},"data":[{"key":"d","content_type":"text/plain","payload":"x","version":4}]}"""), CancellationToken.None);
        await _host.Events.HandleAsync(StateRoutesTests.Event("node_secrets_updated", """{"secret_refs":[{"key":"s","version":2}]}"""), CancellationToken.None);
        string before = await _host.Client.GetStringAsync("/v1/state");
        string report = await _host.Client.GetStringAsync("/v1/state/report/disk");

        await _host.DisposeAsync();
        Assert.False(File.Exists(_host.Options.Socket));
        _host = await NodeApiHost.StartAsync(_dir.Path, _host.Options, _controlPlane);

        Assert.Equal(report, await _host.Client.GetStringAsync("/v1/state/report/disk"));
        Assert.Equal(before, await _host.Client.GetStringAsync("/v1/state"));
        Assert.Contains("\"version\":2", (await PutAsync("disk", Health)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_CorruptStateFile_SetupFailsNamingTheFile()
    {
        await _host.DisposeAsync();
        string corrupt = Path.Combine(_dir.Path, "state", "report", "bad.json");
        await File.WriteAllTextAsync(corrupt, "{not json");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => NodeApiHost.StartAsync(_dir.Path, _host.Options, _controlPlane));
        Assert.Contains(corrupt, error.Message, StringComparison.Ordinal);
        File.Delete(corrupt);
        _host = await NodeApiHost.StartAsync(_dir.Path, _host.Options, _controlPlane);
    }

    [Fact]
    public async Task Sync_TwoPutsInOneWindow_OneCallWithBothEntries_DeleteSendsDeletedAndNullEntries()
    {
        await PutAsync("a", Health);
        await PutAsync("a", Health);
        await Eventually.HoldsAsync(() => Syncs().Count == 1, "one report sync", TimeSpan.FromSeconds(10));
        var sync = Syncs()[0];
        Assert.Equal([1L, 2L], sync.Entries!.Select(e => e.Version));
        Assert.Null(sync.Deleted);
        await _controlPlane.Received(1).SyncReportsAsync("node-1", Arg.Any<ReportSyncRequest>(), Arg.Any<CancellationToken>());

        await _host.Client.DeleteAsync("/v1/state/report/a");
        await Eventually.HoldsAsync(() => Syncs().Count == 2, "the deletion sync", TimeSpan.FromSeconds(10));
        Assert.Null(Syncs()[1].Entries);
        Assert.Equal(["a"], Syncs()[1].Deleted!);
        Assert.Equal(
            "{\"entries\":null,\"deleted\":[\"a\"]}",
            Encoding.UTF8.GetString(WireJson.Serialize(Syncs()[1])));
    }

    [Fact]
    public async Task Sync_Failure_ResentAfterAnotherWindowUntilSuccess()
    {
        int calls = 0;
        _controlPlane.SyncReportsAsync(default!, default!, default).ReturnsForAnyArgs(_ => ++calls <= 2
            ? Task.FromException(new ControlPlaneException(503, "down", null))
            : Task.CompletedTask);
        await PutAsync("a", Health);
        await Eventually.HoldsAsync(() => Syncs().Count == 3, "two failures then a success", TimeSpan.FromSeconds(10));
        Assert.All(Syncs(), s => Assert.Equal("a", Assert.Single(s.Entries!).Key));
    }

    [Fact]
    public async Task Sync_UnacknowledgedChanges_SentAfterRestart()
    {
        _controlPlane.SyncReportsAsync(default!, default!, default).ReturnsForAnyArgs(Task.FromException(new ControlPlaneException(503, "down", null)));
        await PutAsync("kept", Health);
        await PutAsync("gone", Health);
        await _host.Client.DeleteAsync("/v1/state/report/gone");
        await Eventually.HoldsAsync(() => Syncs().Count >= 1, "a failed sync", TimeSpan.FromSeconds(10));
        await _host.DisposeAsync();

        var healthy = Substitute.For<IControlPlane>();
        _host = await NodeApiHost.StartAsync(_dir.Path, _host.Options, healthy);
        await Eventually.HoldsAsync(() => healthy.ReceivedCalls().Any(), "the resumed sync", TimeSpan.FromSeconds(10));
        var sync = (ReportSyncRequest)healthy.ReceivedCalls().Single().GetArguments()[1]!;
        Assert.Equal(["kept"], sync.Entries!.Select(e => e.Key));
        Assert.Equal(1, sync.Entries![0].Version);
        Assert.Equal(["gone"], sync.Deleted!);
        await Eventually.HoldsAsync(() => File.ReadAllText(Path.Combine(_dir.Path, "state", "report-outbox.json")).Contains("\"entries\": []", StringComparison.Ordinal), "the outbox emptied");
    }
}
