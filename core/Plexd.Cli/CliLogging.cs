using Microsoft.Extensions.Logging;
using Plexd.Core.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Plexd.Cli;

/// <summary>
/// The only place that knows Serilog: plain text on a terminal, one JSON object per line otherwise (journald, files).
/// The daemon logs to stdout; other commands log to stderr so their stdout stays parseable.
/// </summary>
internal static class CliLogging
{
    public static ILoggerFactory Create(LogLevelSetting level, bool daemon)
    {
        var minimum = level switch
        {
            LogLevelSetting.Debug => LogEventLevel.Debug,
            LogLevelSetting.Warn => LogEventLevel.Warning,
            LogLevelSetting.Error => LogEventLevel.Error,
            _ => LogEventLevel.Information,
        };
        bool terminal = daemon ? !Console.IsOutputRedirected : !Console.IsErrorRedirected;
        var standardErrorFrom = daemon ? (LogEventLevel?)null : LogEventLevel.Verbose;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        configuration = terminal
            ? configuration.WriteTo.Console(
                outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: standardErrorFrom,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            : configuration.WriteTo.Console(new JsonFormatter(renderMessage: true), standardErrorFromLevel: standardErrorFrom);
        var serilog = configuration.CreateLogger();
        return LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddSerilog(serilog, dispose: true));
    }
}
