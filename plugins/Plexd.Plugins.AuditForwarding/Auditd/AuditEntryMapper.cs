using System.Text.Json;
using Plexd.Sdk.Json;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.AuditForwarding.Auditd;

/// <summary>
/// Maps an audit event to the unified entry in the shape the control plane decodes (spec 04 §11.2): <c>subject</c>
/// <c>{"uid","gid","pid"}</c> (0 when a record lacks one), <c>object</c> a JSON string naming what was touched (the
/// first PATH record's name made absolute with the CWD record, or a user-space message's <c>acct</c>, else empty),
/// <c>action</c> the syscall name, else the record type, <c>result</c> <c>success</c> or <c>failure</c>, and
/// <c>raw</c> every record as auditd would log it (the rule key, comm and exe stay there).
/// </summary>
internal static class AuditEntryMapper
{
    private static readonly string[] SubjectNumbers = ["uid", "gid", "pid"];

    public static AuditEntry Map(AuditEvent auditEvent, string hostname)
    {
        var records = auditEvent.Records;
        var primary = records.FirstOrDefault(r => r.Type == AuditTypes.Syscall) ?? records[0];
        return new AuditEntry
        {
            Timestamp = primary.Time,
            Source = "auditd",
            EventType = primary.TypeName,
            Subject = Subject(primary),
            Object = Object(auditEvent, primary),
            Action = Action(primary),
            Result = Result(records),
            Hostname = hostname,
            Raw = string.Join('\n', records.Select(r => r.Text)),
        };
    }

    private static RawJson Subject(AuditRecord primary) => RawJson.Object(json =>
    {
        foreach (string name in SubjectNumbers)
        {
            json.WriteNumber(name, primary.Number(name) ?? 0);
        }
    });

    // User-space messages name the account they act on.
    private static RawJson Object(AuditEvent auditEvent, AuditRecord primary) =>
        RawJson.String(Path(auditEvent) ?? primary.Field("acct") ?? "");

    // The first PATH record naming a file (parent directory items come first for creations and deletions).
    private static string? Path(AuditEvent auditEvent)
    {
        var paths = auditEvent.Records.Where(r => r.Type == AuditTypes.Path && r.Field("name") is not null and not "(null)").ToList();
        var item = paths.FirstOrDefault(p => p.Field("nametype") is not "PARENT") ?? paths.FirstOrDefault();
        if (item?.Field("name") is not { } name)
        {
            return null;
        }

        string? cwd = auditEvent.Records.FirstOrDefault(r => r.Type == AuditTypes.Cwd)?.Field("cwd");
        return name.StartsWith('/') || cwd is null ? name : System.IO.Path.Join(cwd, name);
    }

    private static string Action(AuditRecord primary)
    {
        if (primary.Type == AuditTypes.Syscall && primary.Field("syscall") is { } syscall)
        {
            return long.TryParse(syscall, out long number) ? Syscalls.Name(primary.Field("arch"), number) : syscall;
        }

        return primary.TypeName;
    }

    private static string Result(IReadOnlyList<AuditRecord> records)
    {
        foreach (var record in records)
        {
            switch (record.Field("success") ?? record.Field("res") ?? record.Field("result"))
            {
                case "yes" or "success" or "1":
                    return "success";
                case "no" or "failed" or "failure" or "0":
                    return "failure";
            }

            if (record.Field("seresult") == "denied" || record.TypeName == "AVC" && record.Text.Contains("denied", StringComparison.Ordinal))
            {
                return "failure";
            }
        }

        return "success"; // kernel records without an outcome (CONFIG_CHANGE without res, ANOM_*) describe something that happened
    }

}
