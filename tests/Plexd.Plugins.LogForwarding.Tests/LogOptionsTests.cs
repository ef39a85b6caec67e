using Plexd.Core.Configuration;
using Xunit;

namespace Plexd.Plugins.LogForwarding.Tests;

public sealed class LogOptionsTests
{
    private static IReadOnlyList<string> Errors(string yaml)
    {
        var configuration = AgentConfiguration.FromYaml(yaml);
        configuration.BindSection<LogOptions>("logs");
        return Assert.Throws<ConfigException>(configuration.ThrowIfInvalid).Errors;
    }

    [Fact]
    public void Validate_Defaults_AreValid() => Assert.Empty(new LogOptions().Validate("logs"));

    [Fact]
    public void Validate_EveryBadValue_IsNamedWithItsKey()
    {
        var errors = new LogOptions
        {
            MinSeverity = "loud",
            StartAt = "middle",
            MaxLineSize = 100,
            Files = ["var/log/*.log"],
            Exclude = ["debug.log"],
            BatchSize = 0,
            BufferSize = -1,
            Interval = TimeSpan.Zero,
        }.Validate("logs").ToList();

        Assert.Equal(
        [
            "logs.min_severity: must be one of debug, info, warn, error or emerg, alert, crit, err, warning, notice, info, debug, got \"loud\"",
            "logs.start_at: must be end or beginning, got \"middle\"",
            "logs.max_line_size: must be 256-1048576 bytes, got 100",
            "logs.files: paths must be absolute, got \"var/log/*.log\"",
            "logs.exclude: paths must be absolute, got \"debug.log\"",
            "logs.batch_size: must be at least 1, got 0",
            "logs.buffer_size: must be at least batch_size (0), got -1",
            "logs.interval: must be positive, got 00:00:00",
        ], errors);
    }

    [Fact]
    public void ReadmeExample_BindsOntoOurOptions()
    {
        // The logs section exactly as the README documents it.
        var configuration = AgentConfiguration.FromYaml("""
            logs:
              enabled: true
              sources:
                - journald          # System journal
                - /var/log/syslog
              filters:
                - unit: plexd       # Always included
                - unit: sshd
                - path: /var/log/app/*.log
                - severity: warn     # Minimum severity (debug, info, warn, error)
              batch_interval: 10s    # Flush interval
              batch_max_size: 1000   # Max lines per batch
              buffer_size: 10000     # Ringbuffer entries when control plane is unreachable
              max_line_size: 16384   # 16 KiB, lines exceeding this are truncated
            """);
        var options = configuration.BindSection<LogOptions>("logs");
        configuration.ThrowIfInvalid();

        Assert.True(options.Enabled);
        Assert.True(options.ReadsJournal);
        Assert.Equal(["/var/log/syslog", "/var/log/app/*.log"], options.FileGlobs);
        Assert.Equal(["plexd", "sshd"], options.JournalUnits);
        Assert.Equal("warning", options.LeastSeverity);
        Assert.Equal((TimeSpan.FromSeconds(10), 1000, 10_000, 16_384), (options.Interval, options.BatchSize, options.BufferSize, options.MaxLineSize));
    }

    [Fact]
    public void Sources_WithoutJournald_TurnTheJournalOff()
    {
        var configuration = AgentConfiguration.FromYaml("""
            logs:
              sources: [/var/log/nginx/*.log]
              batch_interval: 3s
              batch_max_size: 50
              max_line_size: 4096
            """);
        var options = configuration.BindSection<LogOptions>("logs");
        configuration.ThrowIfInvalid();

        Assert.False(options.ReadsJournal);
        Assert.Equal(["/var/log/nginx/*.log"], options.FileGlobs);
        Assert.Equal((TimeSpan.FromSeconds(3), 50, 4096), (options.Interval, options.BatchSize, options.MaxLineSize));
    }

    [Theory]
    [InlineData("debug", "debug")]
    [InlineData("info", "info")]
    [InlineData("warn", "warning")]
    [InlineData("error", "err")]
    [InlineData("crit", "crit")]
    [InlineData("notice", "notice")]
    public void SeverityFilter_ReadmeAndSyslogNames_MapToTheWireNames(string configured, string severity) =>
        Assert.Equal(severity, new LogOptions { Filters = [new LogFilterRule { Severity = configured }] }.LeastSeverity);

    [Fact]
    public void MinSeverity_ReadmeName_IsAccepted() =>
        Assert.Equal("err", new LogOptions { MinSeverity = "error" }.LeastSeverity);

    [Fact]
    public void Filters_UnknownKey_IsAnErrorNamingIt() =>
        Assert.Contains(Errors("""
            logs:
              filters:
                - priority: warn
            """), e => e.Contains("unknown key 'logs.filters[0].priority'", StringComparison.Ordinal));

    [Fact]
    public void Filters_BadValues_AreErrorsNamingTheKey()
    {
        var errors = Errors("""
            logs:
              filters:
                - severity: loud
                - path: app/*.log
                - {}
                - {unit: sshd, severity: warn}
            """);

        Assert.Contains("logs.filters[0].severity: must be one of debug, info, warn, error or emerg, alert, crit, err, warning, notice, info, debug, got \"loud\"", errors);
        Assert.Contains("logs.filters[1].path: must be an absolute path (globs allowed), got \"app/*.log\"", errors);
        Assert.Contains("logs.filters[2]: a filter has exactly one key, unit, path or severity, got none", errors);
        Assert.Contains("logs.filters[3]: a filter has exactly one key, unit, path or severity, got unit and severity", errors);
    }

    [Fact]
    public void Sources_UnknownSource_IsAnErrorNamingIt() =>
        Assert.Contains("logs.sources[1]: must be journald or an absolute path (globs allowed), got \"syslog\"", Errors("""
            logs:
              sources: [journald, syslog]
            """));

    [Fact]
    public void Contradictions_BetweenOurKeysAndTheReadmes_AreErrors()
    {
        var errors = Errors("""
            logs:
              journald: true
              sources: [/var/log/syslog]
              min_severity: info
              filters:
                - severity: error
                - severity: warn
            """);

        Assert.Contains("config.yaml:2: logs.journald: true contradicts sources, which does not list journald; give one of them", errors);
        Assert.Contains("logs.filters[0].severity: \"error\" contradicts min_severity \"info\"; give one of them", errors);
        Assert.Contains("logs.filters[1].severity: only one severity filter is allowed, filters[0] is one too", errors);
    }
}
