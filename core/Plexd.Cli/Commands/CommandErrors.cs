using System.CommandLine;
using Plexd.Core.Configuration;

namespace Plexd.Cli.Commands;

/// <summary>How commands report failures: one clear line per problem on stderr and a documented exit code.</summary>
internal static class CommandErrors
{
    public static int Config(InvocationConfiguration output, ConfigException error)
    {
        output.Error.WriteLine("Error: invalid configuration:");
        foreach (string line in error.Errors)
        {
            output.Error.WriteLine("  " + line);
        }

        return ExitCodes.Config;
    }

    public static int Fail(InvocationConfiguration output, string command, string message)
    {
        output.Error.WriteLine($"Error: plexd {command}: {message}");
        return ExitCodes.Failure;
    }
}
