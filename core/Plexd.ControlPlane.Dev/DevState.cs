using System.Security.Cryptography;
using System.Threading.Channels;
using Plexd.Sdk.Events;
using Plexd.Sdk.Json;
using Plexd.Sdk.Wire;

namespace Plexd.ControlPlane.Dev;

/// <summary>Everything the development control plane knows, in memory. All members are thread-safe.</summary>
public sealed class DevState(EventSigner signer, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, bool> _tokens = new(StringComparer.Ordinal);   // token -> one-time
    private readonly HashSet<string> _usedTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DevNode> _nodes = new(StringComparer.Ordinal);
    private readonly List<Policy> _policies = [];
    private readonly Dictionary<string, byte[]> _artifacts = new(StringComparer.Ordinal);
    private readonly List<FaultRule> _faults = [];
    private int _nextMeshHost = 1;
    private long _nextEventId;

    /// <summary>The event signer.</summary>
    public EventSigner Signer { get; } = signer;

    /// <summary>Every request received, in order.</summary>
    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>How long the previous signing key stays valid after a rotation.</summary>
    public TimeSpan TransitionPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Accepts <paramref name="token"/> for registration; one-time tokens work once.</summary>
    public void AddToken(string token, bool oneTime = false)
    {
        lock (_gate)
        {
            _tokens[token] = oneTime;
        }
    }

    internal bool ConsumeToken(string token)
    {
        lock (_gate)
        {
            if (!_tokens.TryGetValue(token, out bool oneTime) || _usedTokens.Contains(token))
            {
                return false;
            }

            if (oneTime)
            {
                _usedTokens.Add(token);
            }

            return true;
        }
    }

    internal DevNode Register(RegisterRequest request)
    {
        DevNode node;
        List<DevNode> others;
        lock (_gate)
        {
            int host = _nextMeshHost++;
            node = new DevNode(
                "n_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
                $"10.100.{host / 250}.{(host % 250) + 1}",
                request.PublicKey,
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), // 32 ASCII bytes: also the node's AES-256 key
                request.Hostname,
                request.Metadata is null ? [] : new Dictionary<string, string>(request.Metadata));
            others = [.. _nodes.Values];
            _nodes[node.Id] = node;
        }

        foreach (var other in others)
        {
            Publish(other, EventTypes.PeerAdded, WireJsonText(node.AsPeer()));
        }

        return node;
    }

    /// <summary>The node with this id, or null.</summary>
    public DevNode? Node(string id)
    {
        lock (_gate)
        {
            return _nodes.GetValueOrDefault(id);
        }
    }

    /// <summary>Every registered node.</summary>
    public IReadOnlyList<DevNode> Nodes
    {
        get
        {
            lock (_gate)
            {
                return [.. _nodes.Values];
            }
        }
    }

    /// <summary>Removes a node (as an operator deleting it would) and tells every other node <c>peer_removed</c>.</summary>
    /// <returns>False when no such node exists.</returns>
    public bool RemoveNode(string nodeId)
    {
        if (Node(nodeId) is not { } node)
        {
            return false;
        }

        Remove(node);
        return true;
    }

    internal void Remove(DevNode node)
    {
        List<DevNode> others;
        lock (_gate)
        {
            _nodes.Remove(node.Id);
            others = [.. _nodes.Values];
        }

        foreach (var other in others)
        {
            Publish(other, EventTypes.PeerRemoved, $"{{\"peer_id\":\"{node.Id}\"}}");
        }
    }

    /// <summary>Sets (replaces) a policy for every node and tells them.</summary>
    public void SetPolicy(Policy policy)
    {
        lock (_gate)
        {
            _policies.RemoveAll(p => p.Id == policy.Id);
            _policies.Add(policy);
        }

        Broadcast(EventTypes.PolicyUpdated, "{}");
    }

    /// <summary>Removes a policy and tells every node.</summary>
    public bool RemovePolicy(string id)
    {
        bool removed;
        lock (_gate)
        {
            removed = _policies.RemoveAll(p => p.Id == id) > 0;
        }

        if (removed)
        {
            Broadcast(EventTypes.PolicyUpdated, "{}");
        }

        return removed;
    }

    /// <summary>The desired state of <paramref name="node"/>.</summary>
    public StateResponse StateOf(DevNode node)
    {
        var (current, previous, expires) = Signer.Keys;
        lock (_gate)
        {
            return new StateResponse
            {
                Peers = _nodes.Values.Where(n => n.Id != node.Id).Select(n => n.AsPeer()).ToList(),
                Policies = [.. _policies],
                SigningKeys = new SigningKeys { Current = current, Previous = previous, TransitionExpires = expires },
                Metadata = node.Metadata.Count == 0 ? null : new Dictionary<string, string>(node.Metadata),
                Data = [.. node.Data.Values],
                SecretRefs = node.Secrets.Select(s => new SecretRef { Key = s.Key, Version = s.Value.Version }).ToList(),
            };
        }
    }

    /// <summary>Signs and queues an event for one node (kept for Last-Event-ID replay).</summary>
    public string Publish(DevNode node, string eventType, string payloadJson, Func<string, string, string>? sign = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        long id = Interlocked.Increment(ref _nextEventId);
        string eventId = "evt-" + id;
        string envelope = sign is null ? Signer.Sign(eventType, eventId, payloadJson) : sign(eventType, eventId);
        node.Enqueue(id, envelope);
        return eventId;
    }

    /// <summary>Publishes to every node.</summary>
    public void Broadcast(string eventType, string payloadJson)
    {
        foreach (var node in Nodes)
        {
            Publish(node, eventType, payloadJson);
        }
    }

    /// <summary>Rotates the signing key and announces it, signed with the old key.</summary>
    public void RotateSigningKey()
    {
        var old = Signer.Rotate(TransitionPeriod);
        var (current, previous, expires) = Signer.Keys;
        string payload = WireJsonText(new SigningKeys { Current = current, Previous = previous, TransitionExpires = expires });
        foreach (var node in Nodes)
        {
            Publish(node, EventTypes.SigningKeyRotated, payload, (type, id) => Signer.Sign(type, id, payload, signWith: old));
        }
    }

    /// <summary>Stores an artifact for <c>GET /v1/artifacts/plexd/{version}/{os}/{arch}</c>.</summary>
    public void PutArtifact(string version, string os, string arch, byte[] content)
    {
        lock (_gate)
        {
            _artifacts[$"{version}/{os}/{arch}"] = content;
        }
    }

    internal byte[]? Artifact(string version, string os, string arch)
    {
        lock (_gate)
        {
            return _artifacts.GetValueOrDefault($"{version}/{os}/{arch}");
        }
    }

    /// <summary>Makes matching requests fail on purpose (e.g. 503 for two minutes).</summary>
    public void AddFault(FaultRule rule)
    {
        lock (_gate)
        {
            _faults.Add(rule with { Since = time.GetUtcNow() });
        }
    }

    /// <summary>Removes every fault rule.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    internal FaultRule? MatchFault(string path)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            _faults.RemoveAll(f => (f.Count is { } c && f.Used >= c) || (f.Duration is { } d && now - f.Since >= d));
            var rule = _faults.FirstOrDefault(f => path.StartsWith(f.PathPrefix, StringComparison.Ordinal));
            if (rule is not null)
            {
                rule.Used++;
            }

            return rule;
        }
    }

    internal static string WireJsonText<T>(T value) => System.Text.Encoding.UTF8.GetString(WireJson.Serialize(value));

    internal DateTimeOffset Now => time.GetUtcNow();
}

/// <summary>A registered node and what it sent.</summary>
public sealed class DevNode(string id, string meshIp, string publicKey, string nodeSecretKey, string hostname, Dictionary<string, string> metadata)
{
    private readonly Lock _gate = new();
    private readonly List<(long Id, string Envelope)> _events = [];
    private readonly List<Channel<(long Id, string Envelope)>> _subscribers = [];

#pragma warning disable CS1591
    public string Id { get; } = id;
    public string MeshIp { get; } = meshIp;
    public string PublicKey { get; set; } = publicKey;
    public string NodeSecretKey { get; } = nodeSecretKey;
    public string Hostname { get; } = hostname;
    public Dictionary<string, string> Metadata { get; } = metadata;
    public Dictionary<string, DataEntry> Data { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, (string Value, long Version)> Secrets { get; } = new(StringComparer.Ordinal);
    public string Endpoint { get; set; } = "";
    public string NatType { get; set; } = "";
    public CapabilitiesPayload? Capabilities { get; set; }
    public HeartbeatResponse PendingFlags { get; set; } = new();
    public List<HeartbeatRequest> Heartbeats { get; } = [];
    public List<DriftReport> DriftReports { get; } = [];
    public List<ReportSyncRequest> ReportSyncs { get; } = [];
    public List<ExecutionAck> Acks { get; } = [];
    public List<ExecutionResult> Results { get; } = [];
    public List<MetricPoint> Metrics { get; } = [];
    public List<LogEntry> Logs { get; } = [];
    public List<AuditEntry> Audit { get; } = [];
    public List<IntegrityViolationReport> Violations { get; } = [];
    public List<string> TunnelReports { get; } = [];
    public bool Deregistered { get; set; }
#pragma warning restore CS1591

    /// <summary>Number of open event streams.</summary>
    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>The node as a peer of others.</summary>
    public Peer AsPeer() => new() { Id = Id, PublicKey = PublicKey, MeshIp = MeshIp, Endpoint = Endpoint, AllowedIps = [MeshIp + "/32"], Psk = "" };

    /// <summary>Runs <paramref name="action"/> under this node's lock (for the recorded lists).</summary>
    public T Locked<T>(Func<DevNode, T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            return action(this);
        }
    }

    internal void Enqueue(long id, string envelope)
    {
        lock (_gate)
        {
            _events.Add((id, envelope));
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite((id, envelope));
            }
        }
    }

    internal Channel<(long Id, string Envelope)> Subscribe(long after)
    {
        var channel = Channel.CreateUnbounded<(long, string)>();
        lock (_gate)
        {
            foreach (var e in _events.Where(e => e.Id > after))
            {
                channel.Writer.TryWrite(e);
            }

            _subscribers.Add(channel);
        }

        return channel;
    }

    /// <summary>Ends every open event stream of this node (the agent sees the server close it).</summary>
    public void DisconnectStreams()
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryComplete();
            }
        }
    }

    internal void Unsubscribe(Channel<(long Id, string Envelope)> channel)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
        }
    }

    internal long LatestEventId
    {
        get
        {
            lock (_gate)
            {
                return _events.Count == 0 ? 0 : _events[^1].Id;
            }
        }
    }
}

/// <summary>A deliberate failure: matching requests get <see cref="Status"/> until the count or duration runs out.</summary>
public sealed record FaultRule(string PathPrefix, int Status, int? Count = null, TimeSpan? Duration = null, int? RetryAfterSeconds = null, string Body = "")
{
    internal DateTimeOffset Since { get; init; }

    internal int Used { get; set; }
}

/// <summary>One request as received (body decompressed if it was gzip).</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] RawBody, byte[] Body);
