using System.Buffers;
using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Plexd.Sdk.Json;

namespace Plexd.Sdk.Wire;

/// <summary>
/// The control-plane JSON rules in one place. Outbound: declaration order, Go's <c>omitempty</c>, Go's string escaping,
/// RFC 3339 timestamps, no trailing newline. Inbound: case-insensitive names, unknown fields ignored, only the first
/// JSON value read.
/// </summary>
public static class WireJson
{
    /// <summary>Options for every wire type; reflection-free (source generated).</summary>
    public static JsonSerializerOptions Options { get; } = new(WireJsonContext.Default.Options)
    {
        Encoder = GoJsonEncoder.Instance,
        TypeInfoResolver = WireJsonContext.Default.WithAddedModifier(ApplyOmitEmpty),
    };

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = GoJsonEncoder.Instance, SkipValidation = true };

    /// <summary>Serializes <paramref name="value"/> to the bytes the Go agent would send.</summary>
    public static byte[] Serialize<T>(T value)
    {
        using var output = new PooledBufferWriter(16 * 1024);
        Serialize(value, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Serializes <paramref name="value"/> to the bytes the Go agent would send, appended to <paramref name="output"/>.</summary>
    public static void Serialize<T>(T value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (value is IReadOnlyList<LogEntry> logs)
        {
            WriteLogEntries(logs, output);
            return;
        }

        using var writer = new Utf8JsonWriter(output, WriterOptions);
        JsonSerializer.Serialize(writer, value, TypeInfo<T>());
    }

    /// <summary>
    /// Log batches are the largest and most frequent bodies, so they are written straight to bytes in Go's encoding,
    /// in <see cref="LogEntry"/>'s declaration order, without the serializer's per-property machinery.
    /// </summary>
    private static void WriteLogEntries(IReadOnlyList<LogEntry> entries, IBufferWriter<byte> output)
    {
        output.Write("["u8);
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            output.Write(i == 0 ? "{\"timestamp\":\""u8 : ",{\"timestamp\":\""u8);
            output.Advance(GoTime.FormatUtf8(entry.Timestamp, output.GetSpan(GoTime.MaxUtf8Length)));
            output.Write("\",\"source\":\""u8);
            GoJsonText.WriteStringContent(entry.Source, output);
            output.Write("\",\"unit\":\""u8);
            GoJsonText.WriteStringContent(entry.Unit, output);
            output.Write("\",\"message\":\""u8);
            GoJsonText.WriteStringContent(entry.Message, output);
            output.Write("\",\"severity\":\""u8);
            GoJsonText.WriteStringContent(entry.Severity, output);
            output.Write("\",\"hostname\":\""u8);
            GoJsonText.WriteStringContent(entry.Hostname, output);
            output.Write("\"}"u8);
        }

        output.Write("]"u8);
    }

    /// <summary>Decodes the first JSON value of <paramref name="utf8"/>; trailing bytes are ignored, as Go's decoder does.</summary>
    /// <exception cref="JsonException">Empty input, malformed JSON or a type mismatch.</exception>
    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowMultipleValues = true });
        return JsonSerializer.Deserialize(ref reader, TypeInfo<T>());
    }

    /// <summary>The source-generated metadata for <typeparamref name="T"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() =>
        (JsonTypeInfo<T>?)Options.GetTypeInfo(typeof(T))
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not a wire type");

    private static void ApplyOmitEmpty(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.AttributeProvider?.IsDefined(typeof(OmitEmptyAttribute), inherit: false) == true)
            {
                property.ShouldSerialize = static (_, value) => !IsEmpty(value);
            }
        }
    }

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        bool b => !b,
        long l => l == 0,
        int i => i == 0,
        ICollection c => c.Count == 0,
        IEnumerable e => !e.GetEnumerator().MoveNext(),
        _ => false,
    };
}

/// <summary>Source-generated metadata for every wire type.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(GoTimeConverter), typeof(SortedStringMapConverter), typeof(NullAsEmptyStringConverter), typeof(NullAsZeroInt32Converter),
        typeof(NullAsZeroInt64Converter), typeof(NullAsZeroDoubleConverter), typeof(NullAsFalseConverter)])]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(RegisterResponse))]
[JsonSerializable(typeof(Peer))]
[JsonSerializable(typeof(KeyRotateRequest))]
[JsonSerializable(typeof(KeyRotateResponse))]
[JsonSerializable(typeof(EndpointReport))]
[JsonSerializable(typeof(EndpointResponse))]
[JsonSerializable(typeof(HeartbeatRequest))]
[JsonSerializable(typeof(HeartbeatResponse))]
[JsonSerializable(typeof(StateResponse))]
[JsonSerializable(typeof(SigningKeys))]
[JsonSerializable(typeof(SecretResponse))]
[JsonSerializable(typeof(DriftReport))]
[JsonSerializable(typeof(ReportSyncRequest))]
[JsonSerializable(typeof(NodeStateUpdate))]
[JsonSerializable(typeof(NodeSecretsUpdate))]
[JsonSerializable(typeof(PeerRemoved))]
[JsonSerializable(typeof(ActionRequest))]
[JsonSerializable(typeof(ExecutionAck))]
[JsonSerializable(typeof(ExecutionResult))]
[JsonSerializable(typeof(CapabilitiesPayload))]
[JsonSerializable(typeof(IntegrityViolationReport))]
[JsonSerializable(typeof(IReadOnlyList<MetricPoint>))]
[JsonSerializable(typeof(IReadOnlyList<LogEntry>))]
[JsonSerializable(typeof(IReadOnlyList<AuditEntry>))]
[JsonSerializable(typeof(SshSessionSetup))]
[JsonSerializable(typeof(SessionRevoked))]
[JsonSerializable(typeof(TunnelReadyRequest))]
[JsonSerializable(typeof(TunnelClosedRequest))]
[JsonSerializable(typeof(RelaySessionAssignment))]
[JsonSerializable(typeof(UserAccessPeer))]
[JsonSerializable(typeof(UserAccessPeerRevoked))]
[JsonSerializable(typeof(IngressRule))]
[JsonSerializable(typeof(IngressRuleRevoked))]
[JsonSerializable(typeof(SiteToSiteTunnel))]
[JsonSerializable(typeof(SiteToSiteTunnelRevoked))]
[JsonSerializable(typeof(RawJson))]
public sealed partial class WireJsonContext : JsonSerializerContext;
