namespace Plexd.Sdk.Json;

/// <summary>
/// RFC 3339 timestamps as the control plane writes and reads them (Go's RFC3339Nano): trailing fractional zeros
/// trimmed, the dot dropped for whole seconds, offset zero written <c>Z</c>, other offsets kept.
/// </summary>
public static class GoTime
{
    /// <summary>The zero time the protocol writes for an unset timestamp.</summary>
    public static readonly DateTimeOffset Zero = new(1, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The longest text <see cref="FormatUtf8"/> writes (<c>9999-12-31T23:59:59.999999999+14:00</c>).</summary>
    public const int MaxUtf8Length = 35;

    /// <summary>Formats with tick precision (the sub-tick nanoseconds of <paramref name="nanosecondRemainder"/> are appended when given).</summary>
    public static string Format(DateTimeOffset value, int nanosecondRemainder = 0)
    {
        Span<byte> utf8 = stackalloc byte[MaxUtf8Length];
        return System.Text.Encoding.ASCII.GetString(utf8[..FormatUtf8(value, utf8, nanosecondRemainder)]);
    }

    /// <summary>
    /// <see cref="Format"/> into <paramref name="destination"/> (at least <see cref="MaxUtf8Length"/> bytes) without
    /// allocating: log batches format one timestamp per entry. Returns the bytes written.
    /// </summary>
    public static int FormatUtf8(DateTimeOffset value, Span<byte> destination, int nanosecondRemainder = 0)
    {
        var clock = value.DateTime; // the wall-clock time at the value's own offset, as Go prints it
        var (year, month, day) = clock;
        WriteDigits(destination[..4], year);
        destination[4] = (byte)'-';
        WriteDigits(destination.Slice(5, 2), month);
        destination[7] = (byte)'-';
        WriteDigits(destination.Slice(8, 2), day);
        destination[10] = (byte)'T';
        WriteDigits(destination.Slice(11, 2), clock.Hour);
        destination[13] = (byte)':';
        WriteDigits(destination.Slice(14, 2), clock.Minute);
        destination[16] = (byte)':';
        WriteDigits(destination.Slice(17, 2), clock.Second);
        int n = 19;
        long fractionNanos = (value.Ticks % TimeSpan.TicksPerSecond * 100) + nanosecondRemainder;
        if (fractionNanos != 0)
        {
            destination[n++] = (byte)'.';
            WriteDigits(destination.Slice(n, 9), fractionNanos);
            n += 9;
            while (destination[n - 1] == (byte)'0')
            {
                n--; // Go trims trailing zeros of the fraction
            }
        }

        if (value.Offset == TimeSpan.Zero)
        {
            destination[n++] = (byte)'Z';
            return n;
        }

        var offset = value.Offset;
        destination[n++] = offset < TimeSpan.Zero ? (byte)'-' : (byte)'+';
        offset = offset.Duration();
        WriteDigits(destination.Slice(n, 2), offset.Hours);
        destination[n + 2] = (byte)':';
        WriteDigits(destination.Slice(n + 3, 2), offset.Minutes);
        return n + 5;
    }

    private static void WriteDigits(Span<byte> destination, long value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>
    /// Parses strictly: upper-case <c>T</c> and <c>Z</c>, two-digit fields, any fraction length (digits beyond the
    /// ninth truncated), offset <c>Z</c> or <c>±hh:mm</c>. Returns the value to tick precision and the nanoseconds
    /// below a tick (0-99), which the signed form of an event needs.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> s, out DateTimeOffset value, out int nanosecondRemainder)
    {
        value = default;
        nanosecondRemainder = 0;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s[..4], out int year) || !Digits(s.Slice(5, 2), out int month) || !Digits(s.Slice(8, 2), out int day) ||
            !Digits(s.Slice(11, 2), out int hour) || !Digits(s.Slice(14, 2), out int minute) || !Digits(s.Slice(17, 2), out int second))
        {
            return false;
        }

        int i = 19;
        long nanos = 0;
        if (s[i] == '.')
        {
            int start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (i - start < 9)
                {
                    nanos = (nanos * 10) + (s[i] - '0');
                }

                i++;
            }

            int digits = i - start;
            if (digits == 0)
            {
                return false;
            }

            for (int k = digits; k < 9; k++)
            {
                nanos *= 10;
            }
        }

        TimeSpan offset;
        var rest = s[i..];
        if (rest is "Z")
        {
            offset = TimeSpan.Zero;
        }
        else if (rest.Length == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' &&
                 Digits(rest.Slice(1, 2), out int oh) && Digits(rest.Slice(4, 2), out int om) && oh < 24 && om < 60)
        {
            offset = new TimeSpan(oh, om, 0);
            if (rest[0] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) ||
            hour > 23 || minute > 59 || second > 59 || year < 1)
        {
            return false;
        }

        try
        {
            value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(nanos / 100);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }

        nanosecondRemainder = (int)(nanos % 100);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
