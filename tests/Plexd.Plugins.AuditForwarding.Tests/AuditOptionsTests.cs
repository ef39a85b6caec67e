using Plexd.Core.Configuration;
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
    public void ReadmeExample_BindsOntoOurOptions()
    {
        // The audit section exactly as the README documents it.
        var configuration = AgentConfiguration.FromYaml("""
            audit:
              enabled: true
              sources:
                - auditd            # Linux audit daemon
                - kubernetes        # Kubernetes audit logs (auto-detected on K8s nodes)
              batch_interval: 10s
              batch_max_size: 500
              buffer_size: 10000     # Ringbuffer entries when control plane is unreachable
            """);
        var options = configuration.BindSection<AuditOptions>("audit");
        configuration.ThrowIfInvalid();

        Assert.Equal((true, true, true), (options.Enabled, options.Auditd, options.Kubernetes));
        Assert.Equal((TimeSpan.FromSeconds(10), 500, 10_000), (options.Interval, options.BatchSize, options.BufferSize));
    }

    [Fact]
    public void Defaults_AreTheReadmes() =>
        Assert.Equal((TimeSpan.FromSeconds(10), 500, 10_000), (new AuditOptions().Interval, new AuditOptions().BatchSize, new AuditOptions().BufferSize));

    [Fact]
    public void Sources_OnlyTheListedOnesAreRead()
    {
        var configuration = AgentConfiguration.FromYaml("""
            audit:
              sources: [kubernetes]
              batch_interval: 2s
              batch_max_size: 20
            """);
        var options = configuration.BindSection<AuditOptions>("audit");
        configuration.ThrowIfInvalid();

        Assert.Equal((false, true), (options.Auditd, options.Kubernetes));
        Assert.Equal((TimeSpan.FromSeconds(2), 20), (options.Interval, options.BatchSize));
    }

    [Fact]
    public void Sources_UnknownSourceOrContradiction_AreErrorsNamingThem()
    {
        var configuration = AgentConfiguration.FromYaml("""
            audit:
              auditd: true
              sources: [kubernetes, journald]
            """);
        configuration.BindSection<AuditOptions>("audit");
        var errors = Assert.Throws<ConfigException>(configuration.ThrowIfInvalid).Errors;

        Assert.Contains("audit.sources[1]: must be auditd or kubernetes, got \"journald\"", errors);
        Assert.Contains("config.yaml:2: audit.auditd: true contradicts sources, which does not list auditd; give one of them", errors);
    }

    [Fact]
    public void Plugin_ReferencesOnlyTheSdkTheFrameworkAndTheSharedTelemetryLibrary() =>
        Assert.All(typeof(AuditForwardingPlugin).Assembly.GetReferencedAssemblies(),
            r => Assert.Matches(@"^(Plexd\.Sdk|Plexd\.Telemetry|System|Microsoft)\b", r.Name!));
}
