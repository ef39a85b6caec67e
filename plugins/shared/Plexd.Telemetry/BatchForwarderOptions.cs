namespace Plexd.Telemetry;

/// <summary>When and how a forwarder posts.</summary>
public sealed record BatchForwarderOptions
{
    /// <summary>Post at least this often (the report interval).</summary>
    public required TimeSpan Interval { get; init; }

    /// <summary>At most this many entries per POST; reaching it posts before the interval ends.</summary>
    public required int BatchSize { get; init; }

    /// <summary>The longest wait between attempts while the control plane fails (backoff doubles from the interval).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the last flush at shutdown may take.</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>A forwarder's state for status views and the heartbeat.</summary>
/// <param name="Buffered">Entries waiting.</param>
/// <param name="Capacity">The buffer bound.</param>
/// <param name="Dropped">Entries evicted oldest-first because the buffer was full.</param>
/// <param name="Sent">Entries delivered.</param>
/// <param name="LastSentAt">When the last batch was delivered.</param>
/// <param name="LastError">The last failure, or null after a success.</param>
public sealed record ForwarderStatus(int Buffered, int Capacity, long Dropped, long Sent, DateTimeOffset? LastSentAt, string? LastError)
{
    /// <summary>Writes the counters every forwarder's status route shows (<c>buffered</c> … <c>last_error</c>).</summary>
    public void WriteCounters(System.Text.Json.Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteNumber("buffered", Buffered);
        json.WriteNumber("buffer_size", Capacity);
        json.WriteNumber("dropped", Dropped);
        json.WriteNumber("sent", Sent);
        json.WriteString("last_post", LastSentAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        json.WriteString("last_error", LastError ?? "");
    }
}
