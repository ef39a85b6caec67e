using System.CommandLine;
using System.Diagnostics;

namespace Plexd.Cli.Commands;

/// <summary><c>plexd logs [-f]</c>: the agent's journal through journalctl.</summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new entries" };
        var command = new Command("logs", "Show the agent's logs from the journal (journalctl -u plexd)") { follow };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var start = new ProcessStartInfo("journalctl") { UseShellExecute = false };
            foreach (string argument in (string[])["-u", "plexd", "--no-pager", .. parse.GetValue(follow) ? ["-f"] : Array.Empty<string>()])
            {
                start.ArgumentList.Add(argument);
            }

            Process? process;
            try
            {
                process = Process.Start(start);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                process = null;
            }

            if (process is null)
            {
                parse.InvocationConfiguration.Output.WriteLine("journalctl is not available on this system: read the agent's output where its supervisor writes it");
                return ExitCodes.Ok;
            }

            using (process)
            {
                try
                {
                    await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    process.Kill();
                    return ExitCodes.Ok;
                }

                return process.ExitCode;
            }
        });
        return command;
    }
}
