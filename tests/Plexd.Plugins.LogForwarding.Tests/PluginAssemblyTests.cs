using Xunit;

namespace Plexd.Plugins.LogForwarding.Tests;

public sealed class PluginAssemblyTests
{
    [Fact]
    public void Plugin_ReferencesOnlyTheSdkTheFrameworkAndTheSharedTelemetryLibrary() =>
        Assert.All(typeof(LogForwardingPlugin).Assembly.GetReferencedAssemblies(),
            r => Assert.Matches(@"^(Plexd\.Sdk|Plexd\.Telemetry|System|Microsoft)\b", r.Name!));
}
