using Plexd.Core.Configuration;
using Plexd.Core.Systemd;
using Xunit;

namespace Plexd.Core.Tests.Configuration;

/// <summary>The top-level <c>api_url</c> and <c>token_file</c> that the installed default config uses.</summary>
public sealed class ConfigAliasesTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void TopLevelAliases_SetApiUrlAndTokenFile()
    {
        var configuration = AgentConfiguration.FromYaml("api_url: https://cp.example\ntoken_file: /srv/token\n");
        configuration.ThrowIfInvalid();
        Assert.Equal("https://cp.example", configuration.Core.Api.Url);
        Assert.Equal("/srv/token", configuration.Core.Token.File);
    }

    [Fact]
    public void ApiUrl_WithOtherApiKeys_Merges()
    {
        var core = AgentConfiguration.FromYaml("api:\n  request_timeout: 45s\napi_url: https://cp.example\ntoken:\n  env: MY_TOKEN\ntoken_file: /srv/token\n").Core;
        Assert.Equal("https://cp.example", core.Api.Url);
        Assert.Equal(TimeSpan.FromSeconds(45), core.Api.RequestTimeout);
        Assert.Equal("/srv/token", core.Token.File);
        Assert.Equal("MY_TOKEN", core.Token.Env);
    }

    [Theory]
    [InlineData("api_url: https://a.example\napi: https://b.example\n", "config.yaml:1: api_url: the same setting as api (config.yaml:2); give only one of them")]
    [InlineData("api:\n  url: https://b.example\napi_url: https://a.example\n", "config.yaml:3: api_url: the same setting as api.url (config.yaml:2); give only one of them")]
    [InlineData("token:\n  file: /a\ntoken_file: /b\n", "config.yaml:3: token_file: the same setting as token.file (config.yaml:2); give only one of them")]
    public void BothSpellings_IsAnErrorNamingBothKeysAndLines(string yaml, string expected) =>
        Assert.Equal([expected], Assert.Throws<ConfigException>(() => AgentConfiguration.FromYaml(yaml)).Errors);

    [Fact]
    public void BothSpellingsOfBothSettings_ReportsEach() =>
        Assert.Equal(2, Assert.Throws<ConfigException>(() => AgentConfiguration.FromYaml("api: https://b.example\napi_url: https://a.example\ntoken: {file: /a}\ntoken_file: /b\n")).Errors.Count);

    [Fact]
    public void BadAliasValue_ReportedAtItsLine() =>
        Assert.Contains("config.yaml:2: api.url: must be an http:// or https:// URL, got \"ftp://x\"",
            Assert.Throws<ConfigException>(AgentConfiguration.FromYaml("log_level: info\napi_url: ftp://x\n").ThrowIfInvalid).Errors);

    [Fact]
    public void EnvironmentAndFlag_StillBeatTheAlias()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "api_url: https://file.example\ntoken_file: /file/token\n");
            var fromEnvironment = AgentConfiguration.Load(path, new Dictionary<string, string> { ["PLEXD_API"] = "https://env.example", ["PLEXD_BOOTSTRAP_TOKEN_FILE"] = "/env/token" }, new CliOverrides());
            fromEnvironment.ThrowIfInvalid();
            Assert.Equal("https://env.example", fromEnvironment.Core.Api.Url);
            Assert.Equal("/env/token", fromEnvironment.Core.Token.File);
            Assert.Equal("https://flag.example", AgentConfiguration.Load(path, NoEnvironment, new CliOverrides(Api: "https://flag.example")).Core.Api.Url);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("https://cp.example", "https://cp.example")]
    public void InstalledDefaultConfig_LoadsAndValidates(string? apiUrl, string expectedUrl)
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, InstallFiles.DefaultConfig(apiUrl));
            var configuration = AgentConfiguration.Load(path, NoEnvironment, new CliOverrides());
            configuration.ThrowIfInvalid();
            Assert.Equal(expectedUrl, configuration.Core.Api.Url);
            Assert.Equal("/var/lib/plexd", configuration.Core.DataDir);
            Assert.Equal(LogLevelSetting.Info, configuration.Core.LogLevel);
            Assert.Equal("/etc/plexd/bootstrap-token", configuration.Core.Token.File);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
