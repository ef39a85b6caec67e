using Xunit;

namespace Plexd.Plugins.AuditForwarding.Tests;

public sealed class AuditOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => Assert.Empty(new AuditOptions().Validate("audit"));

    [Fact]
    public void Validate_ReportsEveryProblemWithKeyAndValue()
    {
        var errors = new AuditOptions
        {
            Mode = "takeover",
            KubernetesLog = "audit.log",
            BatchSize = 0,
            BufferSize = -1,
            EventTimeout = TimeSpan.Zero,
        }.Validate("audit").ToList();

        Assert.Equal(
        [
            "audit.mode: must be auto, replace or coexist, got \"takeover\"",
            "audit.kubernetes_log: must be an absolute path, got \"audit.log\"",
            "audit.batch_size: must be at least 1, got 0",
            "audit.buffer_size: must be at least batch_size (0), got -1",
            "audit.event_timeout: must be positive, got 00:00:00",
        ], errors);
    }

    [Fact]
    public void Plugin_ReferencesOnlyTheSdkTheFrameworkAndTheSharedTelemetryLibrary() =>
        Assert.All(typeof(AuditForwardingPlugin).Assembly.GetReferencedAssemblies(),
            r => Assert.Matches(@"^(Plexd\.Sdk|Plexd\.Telemetry|System|Microsoft)\b", r.Name!));
}
