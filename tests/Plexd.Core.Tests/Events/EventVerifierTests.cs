using System.Text;
using Plexd.Core.Events;
using Plexd.Core.Tests.TestSupport;
using Plexd.Sdk.Testing;
using Plexd.Sdk.Wire;
using Xunit;

namespace Plexd.Core.Tests.Events;

public sealed class EventVerifierTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly EventSigner _signer = EventSigner.Create();
    private readonly SigningKeyRing _keys;
    private readonly EventVerifier _verifier;

    public EventVerifierTests()
    {
        _keys = new SigningKeyRing(_signer.PublicKey);
        _verifier = new EventVerifier(_keys, _time);
    }

    private RejectReason? Verify(string envelope) => _verifier.Verify(SignedEnvelope.Parse(Encoding.UTF8.GetBytes(envelope)));

    private string Signed(TimeSpan age, string? nonce = null, EventSigner? signer = null) =>
        (signer ?? _signer).Envelope("policy_updated", "{}", _time.GetUtcNow() - age, nonce);

    [Fact]
    public void Fresh_IsAccepted() => Assert.Null(Verify(Signed(TimeSpan.Zero)));

    [Fact]
    public void SixMinutesOld_IsStale_FourFiftyNineIsAccepted()
    {
        Assert.Equal(RejectReason.Stale, Verify(Signed(TimeSpan.FromMinutes(6))));
        Assert.Null(Verify(Signed(TimeSpan.FromSeconds(299))));
    }

    [Fact]
    public void SixMinutesInTheFuture_IsRejected() => Assert.Equal(RejectReason.FutureDated, Verify(Signed(TimeSpan.FromMinutes(-6))));

    [Fact]
    public void Replay_IsDuplicate_ForgeryDoesNotConsumeNonce()
    {
        string forged = Signed(TimeSpan.Zero, "nonce-1", EventSigner.Create());
        Assert.Equal(RejectReason.BadSignature, Verify(forged));
        string genuine = Signed(TimeSpan.Zero, "nonce-1");
        Assert.Null(Verify(genuine));
        Assert.Equal(RejectReason.DuplicateNonce, Verify(genuine));
    }

    [Fact]
    public void PreviousKey_AcceptedUntilTransitionExpires()
    {
        var next = EventSigner.Create();
        _keys.Update(new SigningKeys { Current = next.PublicKey, Previous = _signer.PublicKey, TransitionExpires = _time.GetUtcNow().AddMinutes(10) });
        Assert.Null(Verify(Signed(TimeSpan.Zero)));
        Assert.Null(Verify(Signed(TimeSpan.Zero, signer: next)));
        _time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(RejectReason.BadSignature, Verify(Signed(TimeSpan.Zero)));
    }

    [Fact]
    public void InvalidCurrentKeyUpdate_IsRefusedAndOldKeysStay()
    {
        Assert.NotNull(_keys.Update(new SigningKeys { Current = Convert.ToBase64String(new byte[31]) }));
        Assert.NotNull(_keys.Update(new SigningKeys { Current = "" }));
        Assert.Null(Verify(Signed(TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("signature", "", RejectReason.MissingSignature)]
    [InlineData("nonce", "", RejectReason.MissingNonce)]
    public void EmptyField_IsRejectedInOrder(string field, string value, RejectReason expected)
    {
        string envelope = Signed(TimeSpan.Zero);
        int at = envelope.IndexOf($"\"{field}\":\"", StringComparison.Ordinal) + field.Length + 4;
        int end = envelope.IndexOf('"', at);
        Assert.Equal(expected, Verify(envelope[..at] + value + envelope[end..]));
    }

    [Fact]
    public void UrlSafeOrUnpaddedSignature_IsAnEncodingError()
    {
        string envelope = Signed(TimeSpan.Zero);
        Assert.Equal(RejectReason.SignatureEncoding, Verify(envelope.Replace("==\"}", "\"}", StringComparison.Ordinal)));
    }

    [Fact]
    public void MissingIssuedAt_IsRejected() =>
        Assert.Equal(RejectReason.MissingIssuedAt, Verify("{\"event_type\":\"t\",\"event_id\":\"i\",\"nonce\":\"n\",\"signature\":\"AAAA\"}"));
}
