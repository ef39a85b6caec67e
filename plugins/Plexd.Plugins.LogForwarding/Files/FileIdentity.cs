using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Plexd.Plugins.LogForwarding.Files;

/// <summary>A file's device and inode: what tells a rotated-in file from the one being followed.</summary>
/// <param name="Device">st_dev.</param>
/// <param name="Inode">st_ino.</param>
internal readonly partial record struct FileIdentity(ulong Device, ulong Inode)
{
    // struct stat is 144 bytes on x86-64 and 128 on arm64; both begin with st_dev and st_ino (64 bits each).
    private const int StatSize = 256;

    /// <summary>The identity of the file at <paramref name="path"/>, or null when there is none.</summary>
    public static FileIdentity? OfPath(string path)
    {
        byte[] buffer = new byte[StatSize];
        return Stat(path, buffer) == 0 ? From(buffer) : null;
    }

    /// <summary>The identity of an open file.</summary>
    public static FileIdentity OfHandle(SafeFileHandle handle)
    {
        byte[] buffer = new byte[StatSize];
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (FStat((int)handle.DangerousGetHandle(), buffer) != 0)
            {
                throw new IOException($"fstat failed: errno {Marshal.GetLastPInvokeError()}");
            }

            return From(buffer);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static FileIdentity From(byte[] stat) => new(BitConverter.ToUInt64(stat, 0), BitConverter.ToUInt64(stat, 8));

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Stat(string path, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static partial int FStat(int fd, [Out] byte[] buffer);
}
