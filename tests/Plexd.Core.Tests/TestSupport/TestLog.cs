using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Plexd.Core.Tests.TestSupport;

internal static class TestLog
{
    public static ILogger<T> For<T>() => NullLogger<T>.Instance;
}
