using System.Net;
using Plexd.Plugins.WireGuard.Device;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests;

public sealed class RouteNetlinkTests
{
    [Fact]
    public void ReplaceMessage_HasTheKernelLayout()
    {
        byte[] message = RouteNetlink.Message(24, 7, 5, IPNetwork.Parse("10.100.0.9/32"));

        Assert.Equal(
            Convert.FromHexString(
                "2C000000" + "1800" + "0505" + "07000000" + "00000000" // nlmsghdr: len 44, RTM_NEWROUTE, REQUEST|ACK|REPLACE|CREATE, seq 7, pid 0
                + "02200000" + "FE03FD01" + "00000000"                 // rtmsg: AF_INET /32, main table, boot, link scope, unicast
                + "0800" + "0100" + "0A640009"                         // RTA_DST 10.100.0.9
                + "0800" + "0400" + "05000000"),                       // RTA_OIF 5
            message);
    }

    [Fact]
    public void DeleteMessage_MatchesAnyScopeAndProtocol()
    {
        byte[] message = RouteNetlink.Message(25, 1, 3, IPNetwork.Parse("fd00::/64"));

        Assert.Equal(25, BitConverter.ToUInt16(message, 4));
        Assert.Equal(0x0005, BitConverter.ToUInt16(message, 6));
        Assert.Equal([10, 64, 0, 0, 254, 0, 255, 1], message[16..24]);
        Assert.Equal(16 + 12 + 20 + 8, message.Length);
    }

    [RootFact]
    public async Task RoutesAreAddedAndRemovedInARealNamespace()
    {
        string ns = "plxrt" + Guid.NewGuid().ToString("N")[..6];
        await Shell.RunAsync($"ip netns add {ns} && ip -n {ns} link add d0 type veth peer name d1 && ip -n {ns} link set d0 up && ip -n {ns} link set d1 up");
        try
        {
            // The netlink socket belongs to the namespace of the thread that opens it: run in a child inside the namespace.
            string index = (await Shell.OutputAsync($"ip netns exec {ns} cat /sys/class/net/d0/ifindex")).Trim();
            using var netns = File.OpenHandle($"/var/run/netns/{ns}");
            await Task.Run(() =>
            {
                using var original = File.OpenHandle("/proc/thread-self/ns/net");
                Assert.Equal(0, SetNs(netns, 0x40000000));
                try
                {
                    RouteNetlink.Replace(int.Parse(index, System.Globalization.CultureInfo.InvariantCulture), ["10.77.0.2/32", "10.77.1.0/24"]);
                    RouteNetlink.Delete(int.Parse(index, System.Globalization.CultureInfo.InvariantCulture), ["10.77.1.0/24", "10.77.9.9/32"]); // the second never existed
                }
                finally
                {
                    Assert.Equal(0, SetNs(original, 0x40000000));
                }
            });

            string routes = await Shell.OutputAsync($"ip -n {ns} route show dev d0");
            Assert.Contains("10.77.0.2", routes, StringComparison.Ordinal);
            Assert.DoesNotContain("10.77.1.0", routes, StringComparison.Ordinal);
        }
        finally
        {
            await Shell.RunAsync($"ip netns del {ns}", check: false);
        }
    }

    private static int SetNs(Microsoft.Win32.SafeHandles.SafeFileHandle handle, int type) => Native.setns(handle.DangerousGetHandle().ToInt32(), type);
}

internal static partial class Native
{
    [System.Runtime.InteropServices.LibraryImport("libc", SetLastError = true)]
    internal static partial int setns(int fd, int nstype);
}
