using Xunit;

namespace Plexd.Plugins.WireGuard.Tests;

/// <summary>A test that drives real network facilities; it needs root (CI runs as root).</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: creates network namespaces and WireGuard interfaces";
        }
    }
}
