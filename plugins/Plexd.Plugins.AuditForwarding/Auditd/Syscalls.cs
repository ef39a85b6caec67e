using System.Collections.Frozen;
using System.Globalization;

namespace Plexd.Plugins.AuditForwarding.Auditd;

/// <summary>Names of the system calls audit rules usually watch, per architecture (the SYSCALL record's <c>arch</c>).</summary>
internal static class Syscalls
{
    private static readonly FrozenDictionary<long, string> X86_64 = new Dictionary<long, string>
    {
        [0] = "read", [1] = "write", [2] = "open", [3] = "close", [4] = "stat", [5] = "fstat", [6] = "lstat",
        [9] = "mmap", [10] = "mprotect", [16] = "ioctl", [21] = "access", [41] = "socket", [42] = "connect",
        [43] = "accept", [49] = "bind", [50] = "listen", [56] = "clone", [57] = "fork", [58] = "vfork",
        [59] = "execve", [62] = "kill", [76] = "truncate", [77] = "ftruncate", [80] = "chdir", [82] = "rename",
        [83] = "mkdir", [84] = "rmdir", [85] = "creat", [86] = "link", [87] = "unlink", [88] = "symlink",
        [90] = "chmod", [91] = "fchmod", [92] = "chown", [93] = "fchown", [94] = "lchown", [101] = "ptrace",
        [105] = "setuid", [106] = "setgid", [113] = "setreuid", [114] = "setregid", [117] = "setresuid",
        [119] = "setresgid", [160] = "setrlimit", [161] = "chroot", [165] = "mount", [166] = "umount2",
        [169] = "reboot", [170] = "sethostname", [175] = "init_module", [176] = "delete_module",
        [188] = "setxattr", [257] = "openat", [258] = "mkdirat", [259] = "mknodat", [260] = "fchownat",
        [263] = "unlinkat", [264] = "renameat", [265] = "linkat", [266] = "symlinkat", [268] = "fchmodat",
        [269] = "faccessat", [288] = "accept4", [313] = "finit_module", [316] = "renameat2", [322] = "execveat",
        [435] = "clone3", [437] = "openat2", [439] = "faccessat2",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<long, string> Aarch64 = new Dictionary<long, string>
    {
        [17] = "getcwd", [29] = "ioctl", [33] = "mknodat", [34] = "mkdirat", [35] = "unlinkat", [36] = "symlinkat",
        [37] = "linkat", [38] = "renameat", [39] = "umount2", [40] = "mount", [45] = "truncate", [46] = "ftruncate",
        [48] = "faccessat", [49] = "chdir", [51] = "chroot", [52] = "fchmod", [53] = "fchmodat", [54] = "fchownat",
        [55] = "fchown", [56] = "openat", [57] = "close", [63] = "read", [64] = "write", [117] = "ptrace",
        [129] = "kill", [142] = "reboot", [143] = "setregid", [144] = "setgid", [145] = "setreuid", [146] = "setuid",
        [147] = "setresuid", [149] = "setresgid", [161] = "sethostname", [198] = "socket", [200] = "bind",
        [201] = "listen", [202] = "accept", [203] = "connect", [220] = "clone", [221] = "execve", [222] = "mmap",
        [226] = "mprotect", [242] = "accept4", [273] = "finit_module", [276] = "renameat2", [281] = "execveat",
        [435] = "clone3", [437] = "openat2", [439] = "faccessat2",
    }.ToFrozenDictionary();

    /// <summary>The name of syscall <paramref name="number"/> on <paramref name="arch"/> (hex AUDIT_ARCH), else <c>syscall_N</c>.</summary>
    public static string Name(string? arch, long number)
    {
        var table = arch switch
        {
            "c000003e" or "x86_64" => X86_64,
            "c00000b7" or "aarch64" => Aarch64,
            _ => null,
        };
        return table is not null && table.TryGetValue(number, out string? name) ? name : "syscall_" + number.ToString(CultureInfo.InvariantCulture);
    }
}
