using System.Collections.Frozen;
using System.Globalization;

namespace Plexd.Plugins.AuditForwarding.Auditd;

/// <summary>Audit record type numbers and names (linux/audit.h, libaudit).</summary>
internal static class AuditTypes
{
    public const int Syscall = 1300;
    public const int Path = 1302;
    public const int Cwd = 1307;
    public const int EndOfEvent = 1320;

    private static readonly FrozenDictionary<int, string> Names = new Dictionary<int, string>
    {
        [1100] = "USER", [1101] = "USER_AUTH", [1102] = "USER_ACCT", [1103] = "USER_MGMT", [1104] = "CRED_ACQ",
        [1105] = "CRED_DISP", [1106] = "USER_START", [1107] = "USER_END", [1108] = "USER_AVC", [1109] = "USER_CHAUTHTOK",
        [1110] = "USER_ERR", [1111] = "CRED_REFR", [1112] = "USER_LOGIN", [1113] = "USER_LOGOUT", [1114] = "ADD_USER",
        [1115] = "DEL_USER", [1116] = "ADD_GROUP", [1117] = "DEL_GROUP", [1118] = "DAC_CHECK", [1119] = "CHGRP_ID",
        [1120] = "TEST", [1121] = "TRUSTED_APP", [1122] = "USER_SELINUX_ERR", [1123] = "USER_CMD", [1124] = "USER_TTY",
        [1125] = "CHUSER_ID", [1126] = "GRP_AUTH", [1127] = "SYSTEM_BOOT", [1128] = "SYSTEM_SHUTDOWN",
        [1129] = "SYSTEM_RUNLEVEL", [1130] = "SERVICE_START", [1131] = "SERVICE_STOP", [1132] = "GRP_MGMT",
        [1133] = "GRP_CHAUTHTOK", [1134] = "MAC_CHECK", [1135] = "ACCT_LOCK", [1136] = "ACCT_UNLOCK",
        [1137] = "USER_DEVICE", [1138] = "SOFTWARE_UPDATE",
        [1200] = "DAEMON_START", [1201] = "DAEMON_END", [1202] = "DAEMON_ABORT", [1203] = "DAEMON_CONFIG",
        [1204] = "DAEMON_RECONFIG", [1205] = "DAEMON_ROTATE", [1206] = "DAEMON_RESUME", [1207] = "DAEMON_ACCEPT",
        [1208] = "DAEMON_CLOSE", [1209] = "DAEMON_ERR",
        [1300] = "SYSCALL", [1302] = "PATH", [1303] = "IPC", [1304] = "SOCKETCALL", [1305] = "CONFIG_CHANGE",
        [1306] = "SOCKADDR", [1307] = "CWD", [1309] = "EXECVE", [1311] = "IPC_SET_PERM", [1312] = "MQ_OPEN",
        [1313] = "MQ_SENDRECV", [1314] = "MQ_NOTIFY", [1315] = "MQ_GETSETATTR", [1316] = "KERNEL_OTHER",
        [1317] = "FD_PAIR", [1318] = "OBJ_PID", [1319] = "TTY", [1320] = "EOE", [1321] = "BPRM_FCAPS",
        [1322] = "CAPSET", [1323] = "MMAP", [1324] = "NETFILTER_PKT", [1325] = "NETFILTER_CFG", [1326] = "SECCOMP",
        [1327] = "PROCTITLE", [1328] = "FEATURE_CHANGE", [1329] = "REPLACE", [1330] = "KERN_MODULE",
        [1331] = "FANOTIFY", [1332] = "TIME_INJOFFSET", [1333] = "TIME_ADJNTPVAL", [1334] = "BPF",
        [1335] = "EVENT_LISTENER", [1336] = "URINGOP", [1337] = "OPENAT2", [1338] = "DM_CTRL", [1339] = "DM_EVENT",
        [1400] = "AVC", [1401] = "SELINUX_ERR", [1402] = "AVC_PATH", [1403] = "MAC_POLICY_LOAD",
        [1404] = "MAC_STATUS", [1405] = "MAC_CONFIG_CHANGE", [1500] = "AA", [1700] = "ANOM_PROMISCUOUS",
        [1701] = "ANOM_ABEND", [1702] = "ANOM_LINK", [1703] = "ANOM_CREAT",
        [2100] = "ANOM_LOGIN_FAILURES", [2101] = "ANOM_LOGIN_TIME", [2102] = "ANOM_LOGIN_SESSIONS",
        [2103] = "ANOM_LOGIN_ACCT", [2104] = "ANOM_LOGIN_LOCATION", [2105] = "ANOM_MAX_DAC", [2106] = "ANOM_MAX_MAC",
        [2107] = "ANOM_AMTU_FAIL", [2108] = "ANOM_RBAC_FAIL", [2109] = "ANOM_RBAC_INTEGRITY_FAIL",
        [2110] = "ANOM_CRYPTO_FAIL", [2111] = "ANOM_ACCESS_FS", [2112] = "ANOM_EXEC", [2113] = "ANOM_MK_EXEC",
        [2114] = "ANOM_ADD_ACCT", [2115] = "ANOM_DEL_ACCT", [2116] = "ANOM_MOD_ACCT", [2117] = "ANOM_ROOT_TRANS",
        [2118] = "ANOM_LOGIN_SERVICE", [2119] = "ANOM_LOGIN_ROOT", [2120] = "ANOM_ORIGIN_FAILURES",
        [2121] = "ANOM_SESSION",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, int> Numbers = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The name of a type, or <c>UNKNOWN[n]</c> as ausearch writes it.</summary>
    public static string Name(int type) => Names.TryGetValue(type, out string? name) ? name : $"UNKNOWN[{type.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>The number of a type name (also <c>UNKNOWN[n]</c>), or null.</summary>
    public static int? Number(string name)
    {
        if (Numbers.TryGetValue(name, out int number))
        {
            return number;
        }

        return name.StartsWith("UNKNOWN[", StringComparison.Ordinal) && name.EndsWith(']')
            && int.TryParse(name.AsSpan(8, name.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out number) ? number : null;
    }

    /// <summary>
    /// True for records that are a whole event by themselves: messages from user space (1100–1299, 2100–2999) never
    /// end with an EOE record, so waiting for one would only delay them.
    /// </summary>
    public static bool IsStandalone(int type) => type is >= 1100 and < 1300 or >= 2100 and < 3000;
}
