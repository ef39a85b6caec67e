namespace Plexd.Core.Hosting.Doctor;

/// <summary>How a doctor check ended.</summary>
public enum CheckStatus
{
    /// <summary>Fine.</summary>
    Ok,

    /// <summary>Works, but worth a look; does not fail <c>plexd doctor</c>.</summary>
    Warn,

    /// <summary>Broken; <c>plexd doctor</c> exits non-zero.</summary>
    Fail,
}

/// <summary>One finding of <c>plexd doctor</c>: what was checked, what was found and, unless fine, how to fix it.</summary>
public sealed record CheckResult(string Name, CheckStatus Status, string Detail, string? Fix = null);

/// <summary>A check of one facility the agent needs.</summary>
public interface IDoctorCheck
{
    /// <summary>Runs the check; never throws for what it inspects (a problem is a result).</summary>
    Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken);
}
