using System.Text.Json.Serialization;
using Plexd.Cli.Commands;

namespace Plexd.Cli;

/// <summary>JSON output of CLI commands (snake_case, indented).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(PluginsReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
