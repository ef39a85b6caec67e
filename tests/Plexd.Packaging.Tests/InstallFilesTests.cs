using Plexd.Core.Systemd;
using Xunit;

namespace Plexd.Packaging.Tests;

public sealed class InstallFilesTests
{
    [Fact]
    public void Token_WhitespaceOnlyValue_DoesNotConsultTheFile() =>
        Assert.Null(InstallFiles.Token("   ", "/nonexistent/token"));

    [Fact]
    public void Token_FromFile_IsTrimmed()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "  plx_from_file\n");
            Assert.Equal("plx_from_file", InstallFiles.Token(null, file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Token_UnreadableFile_NamesIt() =>
        Assert.StartsWith("packaging: read token file \"/nonexistent/token\": ", Assert.Throws<InstallException>(() => InstallFiles.Token(null, "/nonexistent/token")).Message);

    [Fact]
    public void Token_513Bytes_FailsOnLength() =>
        Assert.Equal("packaging: token exceeds maximum length of 512 bytes", Assert.Throws<InstallException>(() => InstallFiles.Token(new string('x', 513), null)).Message);

    [Theory]
    [InlineData("ab\tc")]
    [InlineData("ab\u00e9c")]
    [InlineData("ab\u007fc")]
    public void Token_NonPrintable_FailsNamingIt(string token) =>
        Assert.Equal("packaging: token contains non-printable characters", Assert.Throws<InstallException>(() => InstallFiles.Token(token, null)).Message);

    [Fact]
    public void Token_Exactly512Bytes_IsAccepted() => Assert.Equal(512, InstallFiles.Token(new string('x', 512), null)!.Length);

    [Fact]
    public void DefaultConfig_WithoutUrl_IsTheSpecsFileWithThePlaceholderComment() =>
        Assert.Equal(
            "# plexd configuration\n# Every key, its default and its PLEXD_* variable: /usr/share/doc/plexd/configuration.md\n\n" +
            "# api_url: https://your-control-plane.example.com\ndata_dir: /var/lib/plexd\nlog_level: info\ntoken_file: /etc/plexd/bootstrap-token\n",
            InstallFiles.DefaultConfig(null));

    [Fact]
    public void DefaultConfig_WithUrl_LineFourSetsIt() =>
        Assert.Equal(
            ["# plexd configuration", "# Every key, its default and its PLEXD_* variable: /usr/share/doc/plexd/configuration.md", "",
             "api_url: https://cp.example", "data_dir: /var/lib/plexd", "log_level: info", "token_file: /etc/plexd/bootstrap-token", ""],
            InstallFiles.DefaultConfig("https://cp.example").Split('\n'));
}
