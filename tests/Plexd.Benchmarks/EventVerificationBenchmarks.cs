using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Plexd.Core.Events;
using Plexd.Sdk.Events;
using Plexd.Sdk.Json;
using Plexd.Sodium;

namespace Plexd.Benchmarks;

/// <summary>
/// Signed events verified and dispatched per second on one core (envelope parse, checks, canonical bytes, Ed25519,
/// nonce, dispatch to a no-op handler; every event has its own nonce) next to raw libsodium verifications of the same
/// canonical message. Target: the pipeline at ≥ 0.9 of raw.
/// </summary>
[MemoryDiagnoser]
public class EventVerificationBenchmarks
{
    private const int Envelopes = 4096;
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly byte[][] _data = new byte[Envelopes][];
    private byte[] _canonical = [];
    private byte[] _signature = [];
    private byte[] _publicKey = [];
    private EventPipeline _pipeline = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var key = Ed25519.FromSeed(Enumerable.Repeat((byte)7, 32).ToArray());
        _publicKey = key.PublicKey;
        string issued = GoTime.Format(Now);
        const string payload = """{"id":"n_peer456","public_key":"Qk9HVVNLRVlCT0dVU0tFWUJPR1VTS0VZQk9HVVNLRVk=","mesh_ip":"10.99.0.7","endpoint":"203.0.113.9:51820","allowed_ips":["10.99.0.7/32"]}""";
        for (int i = 0; i < Envelopes; i++)
        {
            string unsigned = $"{{\"event_type\":\"peer_added\",\"event_id\":\"evt-{i}\",\"issued_at\":\"{issued}\",\"nonce\":\"nonce-{i:D8}\",\"payload\":{payload}";
            var canonical = new ArrayBufferWriter<byte>();
            CanonicalForm.Write(SignedEnvelope.Parse(Encoding.UTF8.GetBytes(unsigned + "}")), canonical);
            byte[] signature = key.Sign(canonical.WrittenSpan);
            _data[i] = Encoding.UTF8.GetBytes($"{unsigned},\"signature\":\"{Convert.ToBase64String(signature)}\"}}");
            if (i == 0)
            {
                _canonical = canonical.WrittenSpan.ToArray();
                _signature = signature;
            }
        }

        NewPipeline();
    }

    [Benchmark(Baseline = true, Description = "raw libsodium Ed25519 verify")]
    public bool RawVerify() => Ed25519.Verify(_signature, _canonical, _publicKey);

    [Benchmark(Description = "signed event verified + dispatched")]
    public void VerifyAndDispatch()
    {
        if (_next == Envelopes)
        {
            NewPipeline(); // a fresh nonce store so every event is new; amortised over 4096 events
        }

        var pending = _pipeline.ProcessAsync(_data[_next++], "42", CancellationToken.None);
        if (!pending.IsCompletedSuccessfully)
        {
            pending.GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup(Target = nameof(VerifyAndDispatch))]
    public void Check()
    {
        if (_pipeline.Accepted == 0 || _pipeline.Rejected.Count != 0)
        {
            throw new InvalidOperationException("benchmark events were not all accepted");
        }
    }

    private void NewPipeline()
    {
        var time = new FixedTimeProvider(Now);
        var dispatcher = new EventDispatcher([new NoOpHandler()], new NoTrigger(), NullLogger<EventDispatcher>.Instance);
        _pipeline = new EventPipeline(new EventVerifier(new SigningKeyRing(Convert.ToBase64String(_publicKey)), time), dispatcher, NullLogger<EventPipeline>.Instance);
        _next = 0;
    }

    private sealed class NoOpHandler : IEventHandler
    {
        public IReadOnlyCollection<string> EventTypes { get; } = [Sdk.Events.EventTypes.PeerAdded];

        public Task HandleAsync(VerifiedEvent verifiedEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class NoTrigger : Sdk.Reconcile.IReconcileTrigger
    {
        public void TriggerReconcile()
        {
        }
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
