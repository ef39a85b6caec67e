using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Plexd.Plugins.NodeApi.Access;

/// <summary>The process on the other end of a Unix socket connection, from <c>SO_PEERCRED</c> at accept time.</summary>
/// <param name="Pid">The peer's process id.</param>
/// <param name="Uid">The peer's user id.</param>
/// <param name="Gid">The peer's primary group id.</param>
internal sealed record PeerCredentials(int Pid, uint Uid, uint Gid)
{
    /// <summary>The key under which a connection's credentials are kept in its items.</summary>
    public const string ItemKey = "plexd.peer_credentials";

    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>Reads <c>struct ucred</c> of a connected Unix socket, or null when the kernel gives none.</summary>
    public static PeerCredentials? Read(Socket socket)
    {
        Span<byte> ucred = stackalloc byte[12];
        try
        {
            if (socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred) != 12)
            {
                return null;
            }
        }
        catch (SocketException)
        {
            return null;
        }

        var fields = MemoryMarshal.Cast<byte, int>(ucred);
        return new PeerCredentials(fields[0], (uint)fields[1], (uint)fields[2]);
    }
}
