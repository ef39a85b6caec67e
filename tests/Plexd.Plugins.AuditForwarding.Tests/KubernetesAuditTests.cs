using System.Security.Cryptography;
using System.Text.Json;
using Plexd.Plugins.AuditForwarding.Kubernetes;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.AuditForwarding.Tests;

public sealed class KubernetesAuditTests : IDisposable
{
    private const string DeleteSecret = """{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a1","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/staging/secrets/db","verb":"delete","user":{"username":"ci-bot","groups":["system:authenticated"]},"objectRef":{"resource":"secrets","namespace":"staging","name":"db","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2025-02-10T09:02:00.100000Z","stageTimestamp":"2025-02-10T09:02:00.500000Z"}""";
    private const string ListNodesForbidden = """{"kind":"Event","verb":"list","user":{"username":"system:anonymous"},"objectRef":{"resource":"nodes"},"responseStatus":{"code":403},"requestReceivedTimestamp":"2025-02-10T09:03:00Z"}""";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "plexd-k8saudit-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));

    public KubernetesAuditTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Parse_Event_MapsAsTheOriginalAgent()
    {
        var entry = KubernetesAuditParser.Parse(DeleteSecret, "k8s-w3")!;

        Assert.Equal(DateTimeOffset.Parse("2025-02-10T09:02:00.5Z", System.Globalization.CultureInfo.InvariantCulture), entry.Timestamp);
        Assert.Equal("k8s-audit", entry.Source);
        Assert.Equal("delete", entry.EventType);
        Assert.Equal("delete", entry.Action);
        Assert.Equal("""{"username":"ci-bot","groups":["system:authenticated"]}""", entry.Subject.ToString());
        Assert.Equal("\"staging/secrets/db\"", entry.Object.ToString());
        Assert.Equal("success", entry.Result);
        Assert.Equal("k8s-w3", entry.Hostname);
        Assert.Equal(DeleteSecret, entry.Raw);
    }

    [Fact]
    public void Parse_NoGroupsNoNamespaceNoName_AndRefused()
    {
        var entry = KubernetesAuditParser.Parse(ListNodesForbidden, "h")!;

        Assert.Equal("""{"username":"system:anonymous"}""", entry.Subject.ToString());
        Assert.Equal("\"nodes\"", entry.Object.ToString());
        Assert.Equal("failure", entry.Result);
        Assert.Equal(DateTimeOffset.Parse("2025-02-10T09:03:00Z", System.Globalization.CultureInfo.InvariantCulture), entry.Timestamp);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Parse_NotAJsonObject_IsNull(string line) => Assert.Null(KubernetesAuditParser.Parse(line, "h"));

    [Fact]
    public async Task Run_LogAppearingGrowingAndTruncated_PostsEveryLineOnce_CountsMalformed()
    {
        string log = Path.Combine(_dir, "audit.log");
        var options = AuditHarness.FastOptions();
        options.Kubernetes = true;
        options.KubernetesLog = log;
        await using var harness = await AuditHarness.StartAsync(options);
        Assert.Equal("waiting", (await harness.StatusAsync()).GetProperty("sources")[0].GetProperty("state").GetString());

        File.WriteAllText(log, DeleteSecret + "\nnot json\n" + ListNodesForbidden[..40]);
        await Eventually.HoldsAsync(() => harness.Posted().Count == 1, "the first complete line posted", TimeSpan.FromSeconds(20));
        File.AppendAllText(log, ListNodesForbidden[40..] + "\n");
        await Eventually.HoldsAsync(() => harness.Posted().Count == 2, "the line completed later posted", TimeSpan.FromSeconds(20));
        File.WriteAllText(log, DeleteSecret.Replace("\"db\"", "\"api\"", StringComparison.Ordinal) + "\n");
        await Eventually.HoldsAsync(() => harness.Posted().Count == 3, "the truncated file read from its start", TimeSpan.FromSeconds(20));

        Assert.Equal(["staging/secrets/db", "nodes", "staging/secrets/api"], harness.Posted().Select(e => JsonDocument.Parse(e.Object.Utf8).RootElement.GetString()));
        var source = (await harness.StatusAsync()).GetProperty("sources")[0];
        Assert.Equal("k8s-audit", source.GetProperty("source").GetString());
        Assert.Equal("running", source.GetProperty("state").GetString());
        Assert.Equal(1, source.GetProperty("errors").GetInt32());
        Assert.Equal(3, source.GetProperty("entries").GetInt32());
    }
}
