namespace Plexd.Plugins.AuditForwarding.Status;

/// <summary>A source's line in the status view.</summary>
/// <param name="Source">The source name as entries carry it (<c>auditd</c>, <c>k8s-audit</c>).</param>
/// <param name="State"><c>running</c>, <c>waiting</c> (nothing to read yet), <c>failed</c> or <c>disabled</c>.</param>
/// <param name="Detail">How it reads (mode, file) or why it failed.</param>
/// <param name="Records">Records or lines read.</param>
/// <param name="Entries">Entries produced.</param>
/// <param name="Errors">Records or lines that could not be parsed.</param>
internal sealed record SourceState(string Source, string State, string Detail, long Records, long Entries, long Errors);
