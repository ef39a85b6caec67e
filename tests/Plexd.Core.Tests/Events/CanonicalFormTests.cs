using System.Buffers;
using System.Text;
using Plexd.Core.Events;
using Xunit;

namespace Plexd.Core.Tests.Events;

public sealed class CanonicalFormTests
{
    private static string Canonical(string envelopeJson)
    {
        var output = new ArrayBufferWriter<byte>();
        CanonicalForm.Write(SignedEnvelope.Parse(Encoding.UTF8.GetBytes(envelopeJson)), output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void Write_SpecIllustration_MatchesByteForByte() =>
        Assert.Equal(
            "{\"event_type\":\"policy_updated\",\"event_id\":\"e-42\",\"issued_at\":\"2030-06-01T08:00:00.25Z\",\"nonce\":\"abc\",\"payload\":{\"reason\":\"R\\u0026D \\u003cx\\u003e\",\"ids\":[3,1]}}",
            Canonical("{\"event_type\":\"policy_updated\",\"event_id\":\"e-42\",\"issued_at\":\"2030-06-01T08:00:00.250+00:00\",\"nonce\":\"abc\",\"payload\":{ \"reason\" : \"R&D <x>\", \"ids\":[ 3, 1 ] },\"signature\":\"x\"}"));

    [Fact]
    public void Write_OffsetIsPreserved_AndPayloadSpellingKept()
    {
        string canonical = Canonical("{\"event_type\":\"t\",\"event_id\":\"i\",\"issued_at\":\"2030-06-01T10:00:00+02:00\",\"nonce\":\"n\",\"payload\":{ \"a\" : \"<&>\", \"n\": 1.0e3, \"e\":\"\\u00e9\\/\" }}");
        Assert.Equal("{\"event_type\":\"t\",\"event_id\":\"i\",\"issued_at\":\"2030-06-01T10:00:00+02:00\",\"nonce\":\"n\",\"payload\":{\"a\":\"\\u003c\\u0026\\u003e\",\"n\":1.0e3,\"e\":\"\\u00e9\\/\"}}", canonical);
    }

    [Fact]
    public void Write_StringsAreDecodedThenReencodedLikeGo() =>
        Assert.Equal("{\"event_type\":\"é/\\u003c\",\"event_id\":\"\uFFFD\",\"issued_at\":\"2030-06-01T08:00:00Z\",\"nonce\":\"\\n\\u0001\",\"payload\":null}",
            Canonical("{\"EVENT_TYPE\":\"\\u00e9\\/<\",\"event_id\":\"\\ud800\",\"issued_at\":\"2030-06-01T08:00:00Z\",\"nonce\":\"\\n\\u0001\"}"));

    [Theory]
    [InlineData("{\"event_id\":\"i\"}")]
    [InlineData("{\"event_type\":\"t\"}")]
    [InlineData("{\"event_type\":\"t\",\"event_id\":\"i\",\"issued_at\":\"yesterday\"}")]
    [InlineData("{\"event_type\":1,\"event_id\":\"i\"}")]
    [InlineData("not json")]
    [InlineData("{\"event_type\":\"t\",\"event_id\":\"i\",\"payload\":{")]
    [InlineData("{\"event_type\":\"t\",\"event_id\":\"i\"} garbage")]
    [InlineData("{\"event_type\":\"t\",\"event_id\":\"i\"}{}")]
    public void Parse_Malformed_ThrowsFormatException(string json) =>
        Assert.Throws<FormatException>(() => SignedEnvelope.Parse(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Parse_TrailingWhiteSpace_IsAccepted() =>
        Assert.Equal("i", SignedEnvelope.Parse("{\"event_type\":\"t\",\"event_id\":\"i\"} \r\n\t"u8.ToArray()).EventId);

    [Fact]
    public void Parse_LaterDuplicateWins_UnknownIgnored()
    {
        var envelope = SignedEnvelope.Parse("{\"event_type\":\"a\",\"event_type\":\"b\",\"event_id\":\"i\",\"extra\":[1,2]}"u8.ToArray());
        Assert.Equal("b", envelope.EventType);
        Assert.Equal("null", Encoding.UTF8.GetString(envelope.Payload.Span));
    }
}
