using Microsoft.Extensions.Logging;
using Plexd.Core.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Plexd.Cli;

/// <summary>
/// The only place that knows Serilog: plain text on a terminal, one JSON object per line otherwise (journald, files).
/// Every command logs to stderr, the daemon too (as the Go agent does), so stdout stays the commands' output.
/// </summary>
internal static class CliLogging
{
    public static ILoggerFactory Create(LogLevelSetting level)
    {
        var minimum = level switch
        {
            LogLevelSetting.Debug => LogEventLevel.Debug,
            LogLevelSetting.Warn => LogEventLevel.Warning,
            LogLevelSetting.Error => LogEventLevel.Error,
            _ => LogEventLevel.Information,
        };
        bool terminal = !Console.IsErrorRedirected;
        const LogEventLevel standardErrorFrom = LogEventLevel.Verbose;
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
