using Xunit;

namespace Plexd.Testing.Integration;

/// <summary>A test that drives real facilities (namespaces, interfaces, nftables, audit); it needs root, which CI has.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    /// <summary>Skips the test unless the process is privileged.</summary>
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: creates network namespaces, interfaces or kernel state";
        }
    }
}
