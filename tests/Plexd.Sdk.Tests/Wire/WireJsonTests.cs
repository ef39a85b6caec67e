using System.Text;
using Plexd.Sdk.Json;
using Plexd.Sdk.Wire;
using Xunit;

namespace Plexd.Sdk.Tests.Wire;

public sealed class WireJsonTests
{
    private static string Json<T>(T value) => Encoding.UTF8.GetString(WireJson.Serialize(value));

    [Fact]
    public void Serialize_RegisterRequestWithoutMetadata_OmitsMetadataAndCapabilities() =>
        Assert.Equal("""{"token":"t","public_key":"k","hostname":"h"}""",
            Json(new RegisterRequest { Token = "t", PublicKey = "k", Hostname = "h", Metadata = new Dictionary<string, string>() }));

    [Fact]
    public void Serialize_RegisterRequestWithMetadata_WritesMetadata() =>
        Assert.Equal("""{"token":"plx_enroll_demo","public_key":"k","hostname":"edge-07","metadata":{"rack":"r12"}}""",
            Json(new RegisterRequest { Token = "plx_enroll_demo", PublicKey = "k", Hostname = "edge-07", Metadata = new Dictionary<string, string> { ["rack"] = "r12" } }));

    [Fact]
    public void Serialize_Maps_KeysInOrdinalOrderAsGoWritesThem_WhateverTheInsertionOrder() =>
        Assert.Equal("""{"token":"t","public_key":"k","hostname":"h","metadata":{"Zone":"3","rack":"r12","region":"eu"}}""",
            Json(new RegisterRequest { Token = "t", PublicKey = "k", Hostname = "h", Metadata = new Dictionary<string, string> { ["region"] = "eu", ["rack"] = "r12", ["Zone"] = "3" } }));

    [Fact]
    public void Deserialize_ParameterThatIsNotAString_FailsTheWholePayload() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => WireJson.Deserialize<ActionRequest>("""{"execution_id":"e","action":"a","parameters":{"n":1}}"""u8.ToArray()));

    [Fact]
    public void Deserialize_NullScalars_LeaveTheZeroValue_AsGosDecoderDoes()
    {
        var peer = WireJson.Deserialize<Peer>("""{"id":null,"public_key":"k","mesh_ip":null,"endpoint":"","allowed_ips":null}"""u8.ToArray())!;
        Assert.Equal(("", "k", ""), (peer.Id, peer.PublicKey, peer.MeshIp));
        var heartbeat = WireJson.Deserialize<HeartbeatResponse>("""{"reconcile":null,"rotate_keys":true}"""u8.ToArray())!;
        Assert.Equal((false, true), (heartbeat.Reconcile, heartbeat.RotateKeys));
        var result = WireJson.Deserialize<ExecutionResult>("""{"execution_id":"e","exit_code":null}"""u8.ToArray())!;
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Serialize_ZeroHeartbeat_MatchesGoZeroValue() =>
        Assert.Equal("""{"node_id":"","timestamp":"0001-01-01T00:00:00Z","status":"","uptime":"","binary_checksum":""}""",
            Json(new HeartbeatRequest()));

    [Fact]
    public void Serialize_DriftReport_MatchesSpecExample()
    {
        var report = new DriftReport
        {
            Timestamp = new DateTimeOffset(2031, 3, 2, 9, 15, 0, TimeSpan.FromHours(1)).AddMilliseconds(250),
            Corrections = [new("peer_added", "peer n_7"), new("metadata_updated", "metadata updated")],
        };
        Assert.Equal("""{"timestamp":"2031-03-02T09:15:00.25+01:00","corrections":[{"type":"peer_added","detail":"peer n_7"},{"type":"metadata_updated","detail":"metadata updated"}]}""",
            Json(report));
    }

    [Fact]
    public void Serialize_StringsNeedingEscapes_EscapesLikeGo() =>
        Assert.Equal("{\"type\":\"\\u003c\\u003e\\u0026\\u001f\\n é/\\u2028\",\"detail\":\"\"}",
            Json(new DriftCorrection("<>&\u001f\n é/\u2028", "")));

    [Fact]
    public void Serialize_EscapesAmongLongPlainRuns_AreAllFound() =>
        Assert.Equal("{\"type\":\"" + new string('a', 300) + "\\\"q\\\\" + new string('b', 300) + "\\u003c\",\"detail\":\"\\u2029" + new string('c', 70) + "\\u0026\"}",
            Json(new DriftCorrection(new string('a', 300) + "\"q\\" + new string('b', 300) + "<", "\u2029" + new string('c', 70) + "&")));

    [Fact]
    public void Serialize_NullList_WritesNullAndEmptyListWritesBrackets()
    {
        Assert.Equal("""{"entries":null,"deleted":null}""", Json(new ReportSyncRequest()));
        Assert.Equal("""{"entries":null,"deleted":[]}""", Json(new ReportSyncRequest { Deleted = [] }));
    }

    [Fact]
    public void Serialize_RelaySession_UsesSpecNames() =>
        Assert.StartsWith("""{"session_id":"s","peer_a_id":"a","peer_a_endpoint":"","peer_b_id":"b","peer_b_endpoint":"","expires_at":""",
            Json(new RelaySessionAssignment { SessionId = "s", PeerAId = "a", PeerBId = "b" }));

    [Fact]
    public void Serialize_RawPayload_CompactsAndEscapesButKeepsSpelling()
    {
        var entry = new DataEntry { Key = "k", Payload = RawJson.Parse("{ \"b\" : 1.0, \"a\":\"<\\u00e9>\" }") };
        Assert.Contains("\"payload\":{\"b\":1.0,\"a\":\"\\u003c\\u00e9\\u003e\"}", Json(entry), StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_CaseInsensitiveNamesUnknownFieldsAndTrailingBytes_Accepted()
    {
        var r = WireJson.Deserialize<HeartbeatResponse>("{\"RECONCILE\":true,\"extra\":[1]} trailing"u8);
        Assert.True(r!.Reconcile);
        Assert.False(r.RotateKeys);
    }

    [Fact]
    public void Deserialize_FloatForInteger_Fails() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => WireJson.Deserialize<PolicyRule>("{\"port\":1.0}"u8));

    [Fact]
    public void Deserialize_StateResponse_KeepsRawPayloadBytes()
    {
        var state = WireJson.Deserialize<StateResponse>("{\"data\":[{\"key\":\"a\",\"payload\":{ \"x\" : 1e3 },\"version\":2,\"updated_at\":\"2030-01-01T00:00:00.5Z\"}]}"u8)!;
        Assert.Equal("{ \"x\" : 1e3 }", state.Data![0].Payload.ToString());
        Assert.Null(state.Peers);
    }

    [Fact]
    public void SigningKeys_WithoutPrevious_OmitsPreviousAndExpiry() =>
        Assert.Equal("""{"current":"K"}""", Json(new SigningKeys { Current = "K" }));

    [Fact]
    public void Serialize_StringsEscapedExactlyAsGo_RawValuesVerbatim()
    {
        var point = new MetricPoint
        {
            Group = "tunnel_health <a&b> \u2028 \u0001 \t \"q\" \\ é 日本 😀 \u007f \u00a0 \ufeff",
            Data = RawJson.Parse("""{ "s": "\u00E9 <x>", "n": 1 }"""),
        };

        // Go escapes controls, quote, backslash, < > & and U+2028/9 (lower-case hex) and writes the rest raw; a raw
        // value keeps its own escapes (json.Compact), only < > & are escaped in it.
        Assert.Equal(
            "{\"timestamp\":\"0001-01-01T00:00:00Z\",\"group\":\"tunnel_health \\u003ca\\u0026b\\u003e \\u2028 \\u0001 \\t \\\"q\\\" \\\\ é 日本 😀 \u007f \u00a0 \ufeff\"," +
            "\"data\":{\"s\":\"\\u00E9 \\u003cx\\u003e\",\"n\":1}}",
            Json(point));
    }

    [Fact]
    public void Serialize_LogEntries_WrittenInGoEncoding()
    {
        IReadOnlyList<LogEntry> entries =
        [
            new() { Source = "file", Severity = "info", Hostname = "h" },
            new()
            {
                Timestamp = new DateTimeOffset(2026, 11, 22, 13, 4, 5, TimeSpan.FromHours(-5.5)).AddTicks(1234567),
                Source = "journald",
                Unit = "nginx.service",
                Message = "GET \"/a?b=1&c=<2>\" 😀 \u2028 \u0001\n",
                Severity = "warning",
                Hostname = "edge-07",
            },
        ];

        Assert.Equal(
            """[{"timestamp":"0001-01-01T00:00:00Z","source":"file","unit":"","message":"","severity":"info","hostname":"h"},""" +
            """{"timestamp":"2026-11-22T13:04:05.1234567-05:30","source":"journald","unit":"nginx.service","message":"GET """ +
            """\"/a?b=1\u0026c=\u003c2\u003e\" 😀 \u2028 \u0001\n","severity":"warning","hostname":"edge-07"}]""",
            Json(entries));
    }

    [Fact]
    public void Serialize_LogEntries_ReadBackByTheSerializerUnchanged()
    {
        string[] awkward = ["", "plain", "quote \" back \\ slash", "ctl \u0001\t\n\r end", "<b>&amp;</b>", "sep \u2028 \u2029", "é 日本 😀", new string('x', 20_000)];
        IReadOnlyList<LogEntry> entries = [.. awkward.Select((text, i) => new LogEntry
        {
            Timestamp = i % 3 == 0 ? GoTime.Zero : new DateTimeOffset(2026, 11, 22, 13, 4, 5, TimeSpan.FromHours(i % 2 == 0 ? 0 : -5.5)).AddTicks(i * 1234567),
            Source = i % 2 == 0 ? "file" : "journald",
            Unit = text,
            Message = text,
            Severity = "warning",
            Hostname = text,
        })];

        Assert.Equal(entries, WireJson.Deserialize<IReadOnlyList<LogEntry>>(WireJson.Serialize(entries)));
    }

    [Fact]
    public void Deserialize_LoneSurrogateEscape_BecomesReplacementCharacter_AsGo()
    {
        var peer = WireJson.Deserialize<Peer>("""{"id":"a\ud800b","mesh_ip":"\ud83d\ude00 \u00e9"}"""u8)!;
        Assert.Equal(("a\uFFFDb", "😀 é"), (peer.Id, peer.MeshIp));
    }
}
