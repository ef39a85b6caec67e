using System.Globalization;
using System.Text;

namespace Plexd.Sdk.Json;

/// <summary>Go duration strings (<c>90s</c>, <c>1m30s</c>, <c>1.5h</c>, <c>500ms</c>), the protocol's and the config's duration syntax.</summary>
public static class GoDuration
{
    /// <summary>Formats as Go's canonical rendering: <c>0s</c>, <c>1.5ms</c>, <c>2.34s</c>, <c>1m30s</c>, <c>1h0m0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        long ticks = value.Ticks;
        if (ticks == 0)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        if (ticks < 0)
        {
            sb.Append('-');
            ticks = -ticks;
        }

        long nanos = ticks * 100;
        if (nanos < 1_000_000_000)
        {
            // Below one second Go picks the largest unit that keeps an integer part.
            (long unit, string suffix) = nanos < 1_000 ? (1L, "ns") : nanos < 1_000_000 ? (1_000L, "µs") : (1_000_000L, "ms");
            AppendFraction(sb, nanos, unit);
            return sb.Append(suffix).ToString();
        }

        long hours = nanos / 3_600_000_000_000;
        nanos -= hours * 3_600_000_000_000;
        long minutes = nanos / 60_000_000_000;
        nanos -= minutes * 60_000_000_000;
        if (hours > 0)
        {
            sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        AppendFraction(sb, nanos, 1_000_000_000);
        return sb.Append('s').ToString();
    }

    /// <summary>Parses a Go duration string. A bare number other than <c>0</c> is an error, as in Go.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        ReadOnlySpan<char> s = text;
        bool negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return true;
        }

        if (s.IsEmpty)
        {
            return false;
        }

        decimal totalNanos = 0;
        while (!s.IsEmpty)
        {
            int i = 0;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == 0 || !decimal.TryParse(s[..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number))
            {
                return false;
            }

            s = s[i..];
            int u = 0;
            while (u < s.Length && !char.IsAsciiDigit(s[u]) && s[u] != '.')
            {
                u++;
            }

            decimal? unit = s[..u] switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                "h" => 3_600_000_000_000m,
                _ => null,
            };
            if (unit is null)
            {
                return false;
            }

            totalNanos += number * unit.Value;
            s = s[u..];
        }

        decimal ticks = decimal.Truncate(totalNanos / 100);
        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }

    private static void AppendFraction(StringBuilder sb, long nanos, long unit)
    {
        sb.Append((nanos / unit).ToString(CultureInfo.InvariantCulture));
        long fraction = nanos % unit;
        if (fraction != 0)
        {
            int width = (int)Math.Log10(unit);
            sb.Append('.').Append(fraction.ToString("D" + width, CultureInfo.InvariantCulture).TrimEnd('0'));
        }
    }
}
