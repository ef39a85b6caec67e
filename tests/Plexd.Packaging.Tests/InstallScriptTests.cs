using System.Diagnostics;
using System.Security.Cryptography;
using Plexd.Core.Systemd;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Packaging.Tests;

/// <summary>
/// deploy/install.sh run by <c>sh</c> (dash here) with fakes first on PATH: <c>uname</c> (machine from FAKE_MACHINE),
/// <c>curl</c> (logs the URL and copies the file below a file:// base) and <c>systemctl</c> (logs its arguments). The
/// "agent" it downloads is a script that logs how it was called.
/// </summary>
public sealed class InstallScriptTests : IDisposable
{
    private const string Base = "file:///artifacts";
    private readonly string _scratch = Directory.CreateTempSubdirectory("plexd-install-sh-").FullName;

    public InstallScriptTests()
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Temp);
        Directory.CreateDirectory(Path.Combine(Artifacts, "latest"));
        WriteExecutable(Path.Combine(Bin, "uname"), "#!/bin/sh\ncase \"$1\" in -s) echo \"${FAKE_OS:-Linux}\" ;; -m) echo \"${FAKE_MACHINE:-x86_64}\" ;; esac\n");
        WriteExecutable(Path.Combine(Bin, "curl"), $$"""
            #!/bin/sh
            out=""; url=""
            while [ $# -gt 0 ]; do case "$1" in -o) out="$2"; shift 2 ;; -*) shift ;; *) url="$1"; shift ;; esac; done
            echo "$url" >> '{{Log("curl")}}'
            cp "{{Artifacts}}${url#{{Base}}}" "$out" 2>/dev/null || exit 22
            """ + "\n");
        WriteExecutable(Path.Combine(Bin, "systemctl"), $"#!/bin/sh\necho \"$*\" >> '{Log("systemctl")}'\n");
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string Bin => Path.Combine(_scratch, "bin");

    private string Temp => Path.Combine(_scratch, "tmp");

    private string Artifacts => Path.Combine(_scratch, "artifacts");

    private static string Script => Path.Combine(Shell.RepositoryRoot(), "deploy", "install.sh");

    private string Log(string name) => Path.Combine(_scratch, name + ".log");

    private string[] Logged(string name) => File.Exists(Log(name)) ? File.ReadAllLines(Log(name)) : [];

    private static void WriteExecutable(string path, string content)
    {
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The agent script's bytes: it logs "<its own path> <arguments>".</summary>
    private byte[] AgentScript() => System.Text.Encoding.UTF8.GetBytes($"#!/bin/sh\necho \"$0 $*\" >> '{Log("agent")}'\n");

    /// <summary>Publishes <paramref name="artifact"/> as latest/plexd-linux-<paramref name="arch"/> with a checksum file.</summary>
    private void Publish(string arch, byte[] artifact, string? checksumOf = null)
    {
        string name = $"plexd-linux-{arch}";
        File.WriteAllBytes(Path.Combine(Artifacts, "latest", name), artifact);
        string hash = Convert.ToHexStringLower(SHA256.HashData(checksumOf is null ? artifact : System.Text.Encoding.UTF8.GetBytes(checksumOf)));
        File.WriteAllText(Path.Combine(Artifacts, "latest", "checksums.sha256"),
            $"{new string('0', 64)}  {name}.sig\n{hash}  {name}\n{new string('1', 64)}  plexd-linux-riscv64\n");
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string machine, params string[] arguments)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = $"{Bin}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["FAKE_MACHINE"] = machine;
        start.Environment["PLEXD_ARTIFACT_URL"] = Base;
        start.Environment["TMPDIR"] = Temp;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    [Theory]
    [InlineData("--version", "[FATAL] --version requires a value\n")]
    [InlineData("--token", "[FATAL] --token requires a value\n")]
    [InlineData("--api-url", "[FATAL] --api-url requires a value\n")]
    [InlineData("--bogus", "[FATAL] unknown option: --bogus\n")]
    public async Task BadArguments_FatalOnStderrExit1NothingFetched(string argument, string expected)
    {
        var (exit, stdout, stderr) = await RunAsync("x86_64", argument);
        Assert.Equal(1, exit);
        Assert.Equal(expected, stderr);
        Assert.Equal("", stdout);
        Assert.Empty(Logged("curl"));
    }

    [Fact]
    public async Task Aarch64_FetchesArm64_RunsInstallWithGivenFlags_EnablesNow_CleansUp()
    {
        Publish("arm64", AgentScript());
        var (exit, stdout, stderr) = await RunAsync("aarch64", "--token", "plx abc", "--api-url", "https://cp.example");
        Assert.True(exit == 0, stdout + stderr);
        Assert.Equal([$"{Base}/latest/plexd-linux-arm64", $"{Base}/latest/checksums.sha256"], Logged("curl"));
        string call = Assert.Single(Logged("agent"));
        Assert.EndsWith("/agent/plexd install --token plx abc --api-url https://cp.example", call);
        Assert.Equal(["enable --now plexd"], Logged("systemctl"));
        Assert.Contains("[INFO] checksum verified: plexd-linux-arm64 ", stdout);
        Assert.DoesNotContain("[INFO]", stderr);
        Assert.DoesNotContain("plexd join", stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Temp)); // the work directory is gone
    }

    [Fact]
    public async Task X86_64_NoToken_NoStart_InstallWithoutFlags_SummaryHintsJoin()
    {
        Publish("amd64", AgentScript());
        var (exit, stdout, stderr) = await RunAsync("x86_64", "--no-start", "--version", "v1.2.3");
        Assert.Equal(1, exit); // nothing published under v1.2.3
        Assert.Equal(["file:///artifacts/v1.2.3/plexd-linux-amd64"], Logged("curl"));
        Assert.Contains("[FATAL] download failed: file:///artifacts/v1.2.3/plexd-linux-amd64", stderr);

        File.Delete(Log("curl"));
        (exit, stdout, stderr) = await RunAsync("x86_64", "--no-start");
        Assert.True(exit == 0, stdout + stderr);
        Assert.EndsWith("/agent/plexd install", Assert.Single(Logged("agent")));
        Assert.Empty(Logged("systemctl"));
        Assert.Contains("plexd join", stdout);
    }

    [Fact]
    public async Task ChecksumMismatch_AbortsBeforeInstall()
    {
        Publish("arm64", AgentScript(), checksumOf: "something else");
        var (exit, stdout, stderr) = await RunAsync("aarch64", "--token", "abc");
        Assert.Equal(1, exit);
        Assert.Contains("[FATAL] checksum mismatch for plexd-linux-arm64: expected ", stderr);
        Assert.Empty(Logged("agent"));
        Assert.Empty(Logged("systemctl"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Temp));
    }

    [Fact]
    public async Task ChecksumMissing_AbortsBeforeInstall()
    {
        Publish("arm64", AgentScript());
        File.WriteAllText(Path.Combine(Artifacts, "latest", "checksums.sha256"), $"{new string('0', 64)}  plexd-linux-arm64.sig\n");
        var (exit, _, stderr) = await RunAsync("aarch64");
        Assert.Equal(1, exit);
        Assert.Equal("[FATAL] no checksum for plexd-linux-arm64 in checksums.sha256\n", stderr);
        Assert.Empty(Logged("agent"));
    }

    [Fact]
    public async Task GzipTarArtifact_IsExtractedAndItsPlexdRuns()
    {
        string tree = Path.Combine(_scratch, "tree", "plexd-1.0");
        Directory.CreateDirectory(Path.Combine(tree, "plugins"));
        await File.WriteAllBytesAsync(Path.Combine(tree, "plexd"), AgentScript());
        await File.WriteAllTextAsync(Path.Combine(tree, "plugins.yaml"), "plugins: []\n");
        string tarball = Path.Combine(_scratch, "plexd.tar.gz");
        await Shell.RunAsync($"tar -czf '{tarball}' -C '{Path.Combine(_scratch, "tree")}' plexd-1.0");
        Publish("amd64", await File.ReadAllBytesAsync(tarball));
        var (exit, stdout, stderr) = await RunAsync("x86_64", "--token", "abc");
        Assert.True(exit == 0, stdout + stderr);
        Assert.EndsWith("/agent/plexd-1.0/plexd install --token abc", Assert.Single(Logged("agent")));
    }

    [Theory]
    [InlineData("Linux", "riscv64", "[FATAL] unsupported architecture: riscv64 (supported: x86_64, aarch64)\n")]
    [InlineData("Darwin", "arm64", "[FATAL] unsupported operating system: Darwin (plexd runs on Linux only)\n")]
    public async Task UnsupportedPlatform_Fatal(string os, string machine, string expected)
    {
        var start = $"FAKE_OS={os} FAKE_MACHINE={machine} PATH='{Bin}':\"$PATH\" sh '{Script}'";
        var (exit, output) = await Run.CaptureAsync(start);
        Assert.Equal(1, exit);
        Assert.Equal(expected, output);
        Assert.Empty(Logged("curl"));
    }

    [Fact]
    public async Task TestMode_OnlyDefinesTheFunctions()
    {
        var (exit, output) = await Run.CaptureAsync(
            $"PLEXD_INSTALL_TEST=1 FAKE_MACHINE=aarch64 PATH='{Bin}':\"$PATH\" sh -c '. \"{Script}\"; detect_arch; echo \"arch=$ARCH\"'");
        Assert.True(exit == 0, output);
        Assert.Equal("arch=arm64\n", output);
        Assert.Empty(Logged("curl"));
    }

    [Fact]
    public void DeployUnit_IsARelativeLinkToTheShippedUnit_ThatInstallWrites()
    {
        string unit = Path.Combine(Shell.RepositoryRoot(), "deploy", "systemd", "plexd.service");
        Assert.Equal("../../packaging/systemd/plexd.service", new FileInfo(unit).LinkTarget);
        Assert.Equal(File.ReadAllText(unit), InstallFiles.Unit(InstallLayout.Binary));
    }
}
