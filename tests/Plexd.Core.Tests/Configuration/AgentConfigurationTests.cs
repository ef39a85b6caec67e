using Plexd.Core.Configuration;
using Plexd.Sdk.Configuration;
using Plexd.Sdk.Plugins;
using Xunit;

namespace Plexd.Core.Tests.Configuration;

public sealed class AgentConfigurationTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    private static ConfigException Invalid(string yaml, Action<AgentConfiguration>? bind = null)
    {
        var configuration = AgentConfiguration.FromYaml(yaml);
        bind?.Invoke(configuration);
        return Assert.Throws<ConfigException>(configuration.ThrowIfInvalid);
    }

    [Fact]
    public void FromYaml_ReadmeExample_BindsCoreSections()
    {
        var configuration = AgentConfiguration.FromYaml("""
            api: "https://api.plexsphere.io"
            log_level: debug
            mode: bridge
            data_dir: /tmp/plexd
            token:
              file: /etc/plexd/bootstrap-token
              env: PLEXD_BOOTSTRAP_TOKEN
              metadata: true
            reconcile:
              interval: 1m30s
            heartbeat:
              interval: 15s
            """);
        configuration.ThrowIfInvalid();
        var core = configuration.Core;
        Assert.Equal("https://api.plexsphere.io", core.Api.Url);
        Assert.Equal(LogLevelSetting.Debug, core.LogLevel);
        Assert.Equal(AgentMode.Bridge, core.Mode);
        Assert.True(core.Token.Metadata);
        Assert.Equal(TimeSpan.FromSeconds(90), core.Reconcile.Interval);
        Assert.Equal(TimeSpan.FromSeconds(15), core.Heartbeat.Interval);
    }

    [Fact]
    public void Defaults_AreTheSpecs()
    {
        var core = AgentConfiguration.FromYaml("").Core;
        Assert.Equal(AgentMode.Node, core.Mode);
        Assert.Equal("/var/lib/plexd", core.DataDir);
        Assert.Equal(TimeSpan.FromSeconds(60), core.Reconcile.Interval);
        Assert.Equal(TimeSpan.FromSeconds(30), core.Heartbeat.Interval);
        Assert.Equal(TimeSpan.FromSeconds(10), core.Api.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), core.Api.SseIdleTimeout);
        Assert.Equal("/etc/plexd/bootstrap-token", core.Token.File);
        Assert.Equal("PLEXD_BOOTSTRAP_TOKEN", core.Token.Env);
        Assert.Equal(TimeSpan.FromMinutes(5), core.Registration.MaxRetryDuration);
    }

    [Fact]
    public void MisspelledKey_IsReportedWithLineAndSuggestion()
    {
        var error = Invalid("api: https://x\nreconcile:\n  intervall: 30s\n");
        Assert.Contains("config.yaml:3: unknown key 'reconcile.intervall' (did you mean 'interval'?)", error.Errors);
    }

    [Fact]
    public void UnknownSection_IsReportedWithLine()
    {
        var error = Invalid("api: https://x\n\nmesh_typo:\n  a: 1\n");
        Assert.StartsWith("config.yaml:3: unknown key 'mesh_typo'", error.Errors.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReconcileInterval500ms_IsRejectedWithLine()
    {
        var error = Invalid("reconcile:\n  interval: 500ms\n");
        Assert.Contains("config.yaml:2: reconcile.interval: must be at least 1s, got 500ms", error.Errors);
    }

    [Fact]
    public void BareIntegerDuration_IsAnError()
    {
        var error = Invalid("reconcile:\n  interval: 30\n");
        Assert.Contains("config.yaml:2: reconcile.interval: must be a duration with a unit, such as 500ms, 30s, 1m30s or 2h, got \"30\"", error.Errors);
    }

    [Fact]
    public void DuplicateKey_IsAnError() =>
        Assert.Contains("duplicate key 'mode'", Assert.Throws<ConfigException>(() => AgentConfiguration.FromYaml("mode: node\nmode: bridge\n")).Message, StringComparison.Ordinal);

    [Fact]
    public void MalformedYaml_NamesTheLine() =>
        Assert.StartsWith("config.yaml:2:", Assert.Throws<ConfigException>(() => AgentConfiguration.FromYaml("api: x\n  - : [\n")).Message, StringComparison.Ordinal);

    [Fact]
    public void BadEnumValue_ListsTheChoices() =>
        Assert.Contains("config.yaml:1: mode: must be one of node, bridge, got \"gateway\"", Invalid("mode: gateway\n").Errors);

    [Fact]
    public void EveryProblem_IsReportedAtOnce() =>
        Assert.Equal(3, Invalid("mode: gateway\nheartbeat:\n  interval: x\nbogus: 1\n").Errors.Count);

    [Fact]
    public void NestedSection_KeepsDefaultsOfKeysNotGiven() =>
        Assert.Equal(TimeSpan.FromSeconds(30), AgentConfiguration.FromYaml("heartbeat: {}\napi:\n  url: https://x\n").Core.Heartbeat.Interval);

    [Fact]
    public void Precedence_FlagBeatsEnvironmentBeatsFile()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "api: https://file.example\nmode: node\nlog_level: warn\n");
            var environment = new Dictionary<string, string> { ["PLEXD_API"] = "https://env.example", ["PLEXD_MODE"] = "bridge", ["PLEXD_HEARTBEAT__INTERVAL"] = "5s" };
            var core = AgentConfiguration.Load(path, environment, new CliOverrides(Api: "https://flag.example")).Core;
            Assert.Equal("https://flag.example", core.Api.Url);
            Assert.Equal(AgentMode.Bridge, core.Mode);
            Assert.Equal(LogLevelSetting.Warn, core.LogLevel);
            Assert.Equal(TimeSpan.FromSeconds(5), core.Heartbeat.Interval);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void EnvironmentKeyBesideAShorthandSection_KeepsTheFilesUrl()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "api: https://file.example\n");
            var environment = new Dictionary<string, string> { ["PLEXD_API__REQUEST_TIMEOUT"] = "5s" };
            var configuration = AgentConfiguration.Load(path, environment, new CliOverrides());
            configuration.ThrowIfInvalid();
            Assert.Equal(("https://file.example", TimeSpan.FromSeconds(5)), (configuration.Core.Api.Url, configuration.Core.Api.RequestTimeout));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void EnvironmentForAnUnlistedPluginSection_IgnoredAndNamed_FileSectionStillRefused()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "api: https://file.example\nmesh_typo: {}\n");
            var environment = new Dictionary<string, string> { ["PLEXD_AUDIT__ENABLED"] = "false" };
            var configuration = AgentConfiguration.Load(path, environment, new CliOverrides());
            var error = Assert.Throws<ConfigException>(configuration.ThrowIfInvalid);
            Assert.Contains("unknown key 'mesh_typo'", Assert.Single(error.Errors), StringComparison.Ordinal);
            Assert.Equal(["audit (environment variable PLEXD_AUDIT__ENABLED)"], configuration.IgnoredEnvironmentSections);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BadEnvironmentValue_NamesTheVariable()
    {
        string path = Path.GetTempFileName();
        try
        {
            var configuration = AgentConfiguration.Load(path, new Dictionary<string, string> { ["PLEXD_MODE"] = "gateway" }, new CliOverrides());
            Assert.Contains("environment variable PLEXD_MODE: mode: must be one of node, bridge, got \"gateway\"",
                Assert.Throws<ConfigException>(configuration.ThrowIfInvalid).Errors);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ExplicitMissingFile_IsAnError() =>
        Assert.Contains("cannot read configuration", Assert.Throws<ConfigException>(() => AgentConfiguration.Load("/no/such/config.yaml", NoEnvironment, new CliOverrides())).Message, StringComparison.Ordinal);

    [Fact]
    public void ApiAsMapping_BindsEveryKey()
    {
        var core = AgentConfiguration.FromYaml("api:\n  url: https://x\n  request_timeout: 45s\n  tls_insecure_skip_verify: yes\n").Core;
        Assert.Equal("https://x", core.Api.Url);
        Assert.Equal(TimeSpan.FromSeconds(45), core.Api.RequestTimeout);
        Assert.True(core.Api.TlsInsecureSkipVerify);
    }

    [Fact]
    public void PluginSection_BindsListsMapsAndValidates()
    {
        var configuration = AgentConfiguration.FromYaml("""
            sample:
              listen_port: 0
              servers: [a, b]
              labels: {x: "1"}
              nested:
                - name: one
            """);
        var options = configuration.BindSection<SampleOptions>("sample");
        Assert.Equal(["a", "b"], options.Servers);
        Assert.Equal("1", options.Labels["x"]);
        Assert.Equal("one", options.Nested.Single().Name);
        Assert.Contains("config.yaml:2: sample.listen_port: must be 1-65535, got 0", Assert.Throws<ConfigException>(configuration.ThrowIfInvalid).Errors);
    }

    [Fact]
    public void SectionOfAbsentPlugin_ClaimedIsNotUnknown()
    {
        var configuration = AgentConfiguration.FromYaml("bridge:\n  relay: {enabled: true}\n");
        configuration.ClaimSection("bridge");
        configuration.ThrowIfInvalid();
    }

    [Fact]
    public void IsSectionDisabled_ReadsEnabledFalse()
    {
        var configuration = AgentConfiguration.FromYaml("metrics:\n  enabled: false\nlogs:\n  enabled: true\n");
        Assert.True(configuration.IsSectionDisabled("metrics"));
        Assert.False(configuration.IsSectionDisabled("logs"));
        Assert.False(configuration.IsSectionDisabled("audit"));
    }

    public sealed class SampleOptions : IValidatableOptions
    {
        public int ListenPort { get; set; } = 51820;

        public List<string> Servers { get; set; } = [];

        public Dictionary<string, string> Labels { get; set; } = [];

        public List<NestedOptions> Nested { get; set; } = [];

        public IEnumerable<string> Validate(string sectionName)
        {
            if (ListenPort is < 1 or > 65535)
            {
                yield return $"{sectionName}.listen_port: must be 1-65535, got {ListenPort}";
            }
        }
    }

    public sealed class NestedOptions
    {
        public string Name { get; set; } = "";
    }
}
