using System.Net;
using Plexd.Plugins.WireGuard.Nat;
using Xunit;

namespace Plexd.Plugins.WireGuard.Tests.Nat;

public sealed class StunMessageTests
{
    private static readonly byte[] TransactionId = Convert.FromHexString("0102030405060708090A0B0C");

    private static byte[] Response(string attributesHex, ushort type = 0x0101, string? cookie = null, byte[]? transactionId = null, int? declaredLength = null)
    {
        byte[] attributes = Convert.FromHexString(attributesHex);
        int length = declaredLength ?? attributes.Length;
        return [.. Convert.FromHexString($"{type:X4}{length:X4}{cookie ?? "2112A442"}"), .. transactionId ?? TransactionId, .. attributes];
    }

    [Fact]
    public void Request_IsTwentyBytesWithCookieAndTransactionId() =>
        Assert.Equal(Convert.FromHexString("000100002112A442" + "0102030405060708090A0B0C"), StunMessage.Request(TransactionId));

    [Fact]
    public void XorMappedAddress_DecodesTheSpecExample() =>
        Assert.Equal(IPEndPoint.Parse("203.0.113.5:54321"), StunMessage.ParseResponse(Response("00200008" + "0001F523EA12D547"), TransactionId));

    [Fact]
    public void XorMappedAddress_WinsOverAnEarlierMappedAddress() =>
        Assert.Equal(IPEndPoint.Parse("203.0.113.5:54321"), StunMessage.ParseResponse(Response("00010008" + "0001000AC0000201" + "00200008" + "0001F523EA12D547"), TransactionId));

    [Fact]
    public void MappedAddress_IsUsedWithoutXor_AndUnknownAttributesAreSkipped() =>
        Assert.Equal(IPEndPoint.Parse("192.0.2.1:10"), StunMessage.ParseResponse(Response("80220003" + "41424300" + "00010008" + "0001000AC0000201"), TransactionId));

    [Theory]
    [InlineData("too short")]
    [InlineData("invalid magic cookie")]
    [InlineData("transaction ID mismatch")]
    [InlineData("unexpected message type")]
    [InlineData("declared length")]
    [InlineData("no address attribute")]
    [InlineData("unsupported address family")]
    [InlineData("attribute too short")]
    public void MalformedResponses_AreRefusedWithTheReason(string reason)
    {
        byte[] response = reason switch
        {
            "too short" => new byte[19],
            "invalid magic cookie" => Response("", cookie: "DEADBEEF"),
            "transaction ID mismatch" => Response("", transactionId: new byte[12]),
            "unexpected message type" => Response("", type: 0x0111),
            "declared length" => Response("00200008", declaredLength: 12),
            "no address attribute" => Response("80220004" + "41424344"),
            "unsupported address family" => Response("00200014" + "0002F523" + new string('0', 32)),
            _ => Response("00200004" + "0001F523"),
        };

        var error = Assert.Throws<StunException>(() => StunMessage.ParseResponse(response, TransactionId));
        Assert.StartsWith("nat: stun: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
