using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Plexd.Plugins.WireGuard.Device;

/// <summary>The userspace WireGuard configuration protocol over <c>/var/run/wireguard/&lt;if&gt;.sock</c> (spec 02 §13.2).</summary>
internal sealed class UapiClient(string socketPath)
{
    /// <summary>Sends one set operation; lines are <c>key=value</c>. Throws with the errno on failure.</summary>
    public async Task SetAsync(IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        var request = new StringBuilder("set=1\n");
        foreach (string line in lines)
        {
            request.Append(line).Append('\n');
        }

        string reply = await ExchangeAsync(request.Append('\n').ToString(), cancellationToken).ConfigureAwait(false);
        string errno = reply.Split('\n').FirstOrDefault(l => l.StartsWith("errno=", StringComparison.Ordinal))?[6..] ?? "missing";
        if (errno != "0")
        {
            throw new IOException($"wireguard: {socketPath}: configuration refused (errno={errno})");
        }
    }

    /// <summary>Reads the peers.</summary>
    public async Task<IReadOnlyList<DevicePeer>> GetPeersAsync(CancellationToken cancellationToken)
    {
        string reply = await ExchangeAsync("get=1\n\n", cancellationToken).ConfigureAwait(false);
        var peers = new List<DevicePeer>();
        string? key = null, endpoint = null;
        long seconds = 0, rx = 0, tx = 0;
        var allowed = new List<string>();
        void Flush()
        {
            if (key is not null)
            {
                peers.Add(new DevicePeer(Convert.ToBase64String(Convert.FromHexString(key)), endpoint ?? "",
                    seconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds), rx, tx, [.. allowed]));
            }

            endpoint = null;
            seconds = rx = tx = 0;
            allowed.Clear();
        }

        foreach (string line in reply.Split('\n'))
        {
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                continue;
            }

            string name = line[..eq], value = line[(eq + 1)..];
            switch (name)
            {
                case "public_key": Flush(); key = value; break;
                case "endpoint": endpoint = value; break;
                case "last_handshake_time_sec": seconds = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "rx_bytes": rx = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "tx_bytes": tx = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "allowed_ip": allowed.Add(value); break;
                case "errno" when value != "0": throw new IOException($"wireguard: {socketPath}: get failed (errno={value})");
            }
        }

        Flush();
        return peers;
    }

    private async Task<string> ExchangeAsync(string request, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        var reply = new StringBuilder();
        byte[] buffer = new byte[8192];
        // The reply ends with an empty line; look at its tail only (a get for many peers arrives in many reads).
        while (reply.Length < 2 || reply[^1] != '\n' || reply[^2] != '\n')
        {
            int n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            reply.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return reply.ToString();
    }
}
