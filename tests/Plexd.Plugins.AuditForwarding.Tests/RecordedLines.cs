namespace Plexd.Plugins.AuditForwarding.Tests;

/// <summary>Audit records as auditd logs them (an openat watched by a rule, a failed user-space login).</summary>
internal static class RecordedLines
{
    public static readonly string[] OpenWatchedFile =
    [
        "type=SYSCALL msg=audit(1732290000.123:4567): arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c a1=7ffc8e0b5f6d a2=0 a3=0 items=1 ppid=1200 pid=1234 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=3 comm=\"cat\" exe=\"/usr/bin/cat\" subj=unconfined key=\"plexdtest\"\u001dARCH=x86_64 SYSCALL=openat AUID=\"alice\" UID=\"root\"",
        "type=CWD msg=audit(1732290000.123:4567): cwd=\"/root\"",
        "type=PATH msg=audit(1732290000.123:4567): item=0 name=\"/tmp/secret\" inode=1234 dev=08:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0",
        "type=PROCTITLE msg=audit(1732290000.123:4567): proctitle=636174002F746D702F736563726574",
        "type=EOE msg=audit(1732290000.123:4567): ",
    ];

    public const string FailedLogin =
        "type=USER_LOGIN msg=audit(1732290001.500:4570): pid=999 uid=0 auid=1000 ses=4 subj=unconfined msg='op=login acct=\"bob\" exe=\"/usr/sbin/sshd\" hostname=10.0.0.5 addr=10.0.0.5 terminal=/dev/pts/1 res=failed'";

    // A relative name, hex-encoded because it has a space, denied: resolved against the CWD record.
    public static readonly string[] DeniedRelativeOpen =
    [
        "type=SYSCALL msg=audit(1732290002.000:4571): arch=c000003e syscall=2 success=no exit=-13 items=1 ppid=1 pid=77 auid=4294967295 uid=1000 gid=1000 comm=\"vi\" exe=\"/usr/bin/vi\" key=(null)",
        "type=CWD msg=audit(1732290002.000:4571): cwd=\"/etc\"",
        "type=PATH msg=audit(1732290002.000:4571): item=0 name=6D7920736861646F77 inode=5 nametype=NORMAL",
        "type=EOE msg=audit(1732290002.000:4571): ",
    ];
}
