using System.Runtime.InteropServices;

namespace Plexd.Plugins.NodeApi.Access;

/// <summary>The few libc calls the node API needs: user and group database look-ups (NSS) and chown.</summary>
internal static partial class Libc
{
    private static readonly Lock DatabaseLock = new(); // getgrnam/getpwuid share static buffers

    /// <summary>The gid of a group name, or null when the group does not exist.</summary>
    public static uint? GroupId(string name)
    {
        lock (DatabaseLock)
        {
            nint group = getgrnam(name);
            return group == 0 ? null : (uint)Marshal.ReadInt32(group, 2 * IntPtr.Size); // struct group: name, passwd, gid
        }
    }

    /// <summary>Every group id of the user with <paramref name="uid"/> (primary and supplementary), empty when unknown.</summary>
    public static unsafe IReadOnlyList<uint> GroupsOfUser(uint uid)
    {
        string? name;
        uint primary;
        lock (DatabaseLock)
        {
            nint passwd = getpwuid(uid);
            if (passwd == 0)
            {
                return [];
            }

            name = Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(passwd));
            primary = (uint)Marshal.ReadInt32(passwd, (2 * IntPtr.Size) + sizeof(uint)); // name, passwd, uid, gid
        }

        if (name is null)
        {
            return [];
        }

        int count = 64;
        while (true)
        {
            uint[] groups = new uint[count];
            int found = count;
            fixed (uint* buffer = groups)
            {
                if (getgrouplist(name, primary, buffer, ref found) >= 0)
                {
                    return groups[..found];
                }
            }

            if (found <= count)
            {
                return [];
            }

            count = found;
        }
    }

    /// <summary>Changes the owner of a file; false (with errno) when it failed.</summary>
    public static bool ChangeOwner(string path, uint uid, uint gid, out int errno)
    {
        bool ok = chown(path, uid, gid) == 0;
        errno = ok ? 0 : Marshal.GetLastPInvokeError();
        return ok;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint getgrnam(string name);

    [LibraryImport("libc")]
    private static partial nint getpwuid(uint uid);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int getgrouplist(string user, uint group, uint* groups, ref int ngroups);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int chown(string path, uint owner, uint group);
}
