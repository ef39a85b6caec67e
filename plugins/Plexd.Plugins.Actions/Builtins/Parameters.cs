using System.Globalization;
using Plexd.Sdk.Actions;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary>Typed reading of string parameters; a bad value is an <see cref="ArgumentException"/> naming the parameter and value.</summary>
internal static class Parameters
{
    public static string Text(this ActionInvocation invocation, string name, string fallback = "") =>
        invocation.Parameters.TryGetValue(name, out string? value) && value.Length > 0 ? value : fallback;

    public static bool Flag(this ActionInvocation invocation, string name, bool fallback = false) => invocation.Text(name) switch
    {
        "" => fallback,
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        string other => throw new ArgumentException($"parameter {name}: must be true or false, got \"{other}\""),
    };

    public static int Number(this ActionInvocation invocation, string name, int fallback, int min, int max)
    {
        string text = invocation.Text(name);
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"parameter {name}: must be a whole number from {min} to {max}, got \"{text}\"");
    }
}
