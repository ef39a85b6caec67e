using System.CommandLine;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization;
using Plexd.Core.Configuration;
using Plexd.Core.Hosting.Doctor;
using Spectre.Console;

namespace Plexd.Cli.Commands;

/// <summary>
/// <c>plexd doctor [--json]</c>: checks WireGuard, nftables, libsodium, capabilities, control-plane reachability and
/// clock skew, each with a fix hint; exits 1 when any check fails.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var command = new Command("doctor", "Check what the agent needs on this host, with a fix for each problem") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration;
            CoreOptions core;
            try
            {
                core = CommonOptions.Load(parse).Core;
            }
            catch (ConfigException ex)
            {
                return CommandErrors.Config(output, ex);
            }

            using var handler = new SocketsHttpHandler { ConnectTimeout = core.Api.ConnectTimeout, UseProxy = false };
            if (core.Api.TlsInsecureSkipVerify)
            {
                handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
            }

            var results = await Doctor.For(core, handler, TimeProvider.System).RunAsync(cancellationToken).ConfigureAwait(false);
            bool ok = results.All(r => r.Status != CheckStatus.Fail);
            if (parse.GetValue(json))
            {
                var report = new DoctorReport(ok, results.Select(r => new DoctorRow(r.Name, r.Status.ToString().ToLowerInvariant(), r.Detail, r.Fix)).ToList());
                output.Output.WriteLine(JsonSerializer.Serialize(report, DoctorJsonContext.Default.DoctorReport));
            }
            else
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output.Output) });
                var table = new Table().AddColumns("Check", "Result", "Detail", "Fix");
                foreach (var r in results)
                {
                    string status = r.Status switch { CheckStatus.Ok => "[green]ok[/]", CheckStatus.Warn => "[yellow]warn[/]", _ => "[red]FAIL[/]" };
                    table.AddRow(Markup.Escape(r.Name), status, Markup.Escape(r.Detail), Markup.Escape(r.Fix ?? ""));
                }

                console.Write(table);
            }

            return ok ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}

internal sealed record DoctorReport(bool Ok, IReadOnlyList<DoctorRow> Checks);

internal sealed record DoctorRow(string Name, string Status, string Detail, string? Fix);

/// <summary>JSON of <c>plexd doctor --json</c> (snake_case, indented).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DoctorReport))]
internal sealed partial class DoctorJsonContext : JsonSerializerContext;
