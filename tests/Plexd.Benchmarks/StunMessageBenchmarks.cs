using System.Net;
using BenchmarkDotNet.Attributes;
using Plexd.Plugins.WireGuard.Nat;

namespace Plexd.Benchmarks;

/// <summary>The STUN codec of a NAT round: building a Binding Request and parsing a real-sized Binding Success.</summary>
[MemoryDiagnoser]
public class StunMessageBenchmarks
{
    private static readonly byte[] TransactionId = Convert.FromHexString("0102030405060708090A0B0C");

    // A coturn-like answer with XOR-MAPPED-ADDRESS last, so the whole attribute walk is measured.
    private static readonly byte[] Response = Convert.FromHexString(
        "010100482112A442" + "0102030405060708090A0B0C"
        + "00010008" + "0001D431CB007105"
        + "802B0008" + "00010D96C0000203"
        + "802C0008" + "00010D96C0000204"
        + "80220013" + "436F7475726E2D342E362E312027476F726E2700"
        + "00200008" + "0001F523EA12D547");

    [Benchmark]
    public byte[] Request() => StunMessage.Request(TransactionId);

    [Benchmark]
    public IPEndPoint ParseResponse() => StunMessage.ParseResponse(Response, TransactionId);
}
