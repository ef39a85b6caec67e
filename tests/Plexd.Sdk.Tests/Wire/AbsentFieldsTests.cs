using System.Text.Json;
using Plexd.Sdk.Wire;
using Xunit;

namespace Plexd.Sdk.Tests.Wire;

/// <summary>
/// A field the sender left out keeps its declared default (Go's zero value), as Go's decoder does. The source-generated
/// serializer sets init-only properties through an object initializer, absent ones to null, which is why wire types
/// have setters.
/// </summary>
public sealed class AbsentFieldsTests
{
    public static TheoryData<Type> WireTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(WireJsonContext).GetCustomAttributesData()
                     .Where(a => a.AttributeType == typeof(System.Text.Json.Serialization.JsonSerializableAttribute))
                     .Select(a => (Type)a.ConstructorArguments[0].Value!)
                     .Where(t => t is { IsClass: true } && t.Namespace == typeof(Peer).Namespace && t.GetConstructor(Type.EmptyTypes) is not null))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WireTypes))]
    public void EmptyObject_LeavesEveryPropertyAtItsDeclaredDefault(Type type)
    {
        object decoded = WireJsonContext.Default.GetTypeInfo(type) is { } info
            ? JsonSerializer.Deserialize("{}"u8, info)!
            : throw new InvalidOperationException($"{type} is not in the wire context");
        object fresh = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            Assert.True(Equals(property.GetValue(fresh), property.GetValue(decoded)), $"{type.Name}.{property.Name}: {property.GetValue(decoded) ?? "null"} instead of {property.GetValue(fresh) ?? "null"}");
        }
    }

    [Fact]
    public void ActionRequest_WithoutChecksumOrAction_HasEmptyStrings()
    {
        var request = WireJson.Deserialize<ActionRequest>("""{"execution_id":"e1"}"""u8)!;
        Assert.Equal(("", ""), (request.Checksum, request.Action));
    }

    [Fact]
    public void Peer_WithoutEndpointOrPsk_HasEmptyStrings()
    {
        var peer = WireJson.Deserialize<Peer>("""{"id":"n_b","public_key":"k"}"""u8)!;
        Assert.Equal(("", ""), (peer.Endpoint, peer.Psk));
    }
}
