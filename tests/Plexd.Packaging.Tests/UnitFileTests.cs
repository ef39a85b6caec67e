using System.Globalization;
using System.Text.RegularExpressions;
using Plexd.Core.Systemd;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Packaging.Tests;

/// <summary>packaging/systemd/plexd.service passes systemd's own checks.</summary>
public sealed partial class UnitFileTests
{
    private static string UnitPath => Path.Combine(Shell.RepositoryRoot(), "packaging", "systemd", "plexd.service");

    [Fact]
    public async Task Security_OfflineExposure_IsAtMost2Point5()
    {
        string report = await Shell.OutputAsync($"systemd-analyze security --offline=yes '{UnitPath}' 2>&1");
        var match = ExposureLine().Match(report);
        Assert.True(match.Success, report);
        double score = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(score <= 2.5, $"exposure {score} > 2.5:\n{report}");
    }

    [Fact]
    public async Task Verify_WithAnExistingBinary_IsClean()
    {
        // verify also checks that ExecStart's program exists; point it at one that does.
        string scratch = Directory.CreateTempSubdirectory("plexd-unit-").FullName;
        try
        {
            string unit = Path.Combine(scratch, "plexd.service");
            await File.WriteAllTextAsync(unit, InstallFiles.Unit("/bin/true"));
            string output = await Shell.OutputAsync($"systemd-analyze verify '{unit}' 2>&1");
            Assert.Equal("", output.Trim());
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task EmbeddedUnit_IsTheShippedFileByteForByte() =>
        Assert.Equal(await File.ReadAllTextAsync(UnitPath), InstallFiles.Unit(InstallLayout.Binary));

    [Fact]
    public async Task RuntimeDirectory_SharedWireGuardDirectory_IsNotRemovedAtStop()
    {
        // systemd removes RuntimeDirectory= at stop unless RuntimeDirectoryPreserve=yes; /run/wireguard holds the UAPI
        // sockets of every wireguard-go on the host, not only ours. (`restart` would still remove it at a full stop.)
        var settings = (await File.ReadAllLinesAsync(UnitPath)).Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2)).ToLookup(kv => kv[0].Trim(), kv => kv[1].Trim());
        Assert.Contains("wireguard", settings["RuntimeDirectory"].Single().Split(' '));
        Assert.Equal("yes", settings["RuntimeDirectoryPreserve"].Single());
    }

    [GeneratedRegex(@"Overall exposure level for plexd\.service: ([0-9.]+)")]
    private static partial Regex ExposureLine();
}
