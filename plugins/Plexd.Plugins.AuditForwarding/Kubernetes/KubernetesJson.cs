using System.Text.Json.Serialization;

namespace Plexd.Plugins.AuditForwarding.Kubernetes;

/// <summary>Source-generated serialisation of the few plain values this plugin writes as JSON.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class KubernetesJson : JsonSerializerContext;
