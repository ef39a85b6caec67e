using Plexd.Plugins.Metrics.Collectors;
using Xunit;

namespace Plexd.Plugins.Metrics.Tests;

public sealed class ProcFilesTests
{
    [Fact]
    public void CpuTimes_AggregateLine_SumsTheFirstEightFieldsAndCountsIowaitAsIdle()
    {
        const string stat = "cpu  100 5 50 800 40 3 2 0 7 0\ncpu0 50 2 25 400 20 1 1 0 0 0\nintr 1 2 3\n";
        Assert.Equal((1000UL, 840UL), ProcFiles.CpuTimes(stat));
    }

    [Fact]
    public void Memory_UsesMemAvailable()
    {
        const string meminfo = "MemTotal:        2048000 kB\nMemFree:          100000 kB\nMemAvailable:    1024000 kB\nBuffers: 1 kB\n";
        Assert.Equal((2048000UL * 1024, 1024000UL * 1024), ProcFiles.Memory(meminfo));
    }

    [Fact]
    public void Memory_WithoutMemTotal_Throws() => Assert.Throws<FormatException>(() => ProcFiles.Memory("MemFree: 1 kB\n"));

    [Fact]
    public void Load_ReadsTheThreeAverages() => Assert.Equal((0.52, 1.25, 2.0), ProcFiles.Load("0.52 1.25 2.00 3/256 9661\n"));

    [Fact]
    public void NetworkBytes_SumsEveryInterfaceButLoopback()
    {
        const string netdev = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:  999999     100    0    0    0     0          0         0   999999     100    0    0    0     0       0          0
              eth0:    1000      10    0    0    0     0          0         0     2000      20    0    0    0     0       0          0
            plexd0:     300       3    0    0    0     0          0         0      400       4    0    0    0     0       0          0
            """;
        Assert.Equal((1300UL, 2400UL), ProcFiles.NetworkBytes(netdev));
    }
}
