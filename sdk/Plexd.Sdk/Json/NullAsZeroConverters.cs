using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Plexd.Sdk.Json;

/// <summary>
/// JSON <c>null</c> in a string, number or boolean field leaves the field's zero value, as Go's decoder does (spec 01
/// §0.1): <c>""</c>, 0, <c>false</c>. Without this .NET would put null into a string the code trusts to be set, or
/// refuse the whole body for a number. Everything else reads and writes as the built-in converter does.
/// </summary>
/// <typeparam name="T">The field type.</typeparam>
public abstract class NullAsZeroConverter<T>(JsonConverter<T> inner, T zero) : JsonConverter<T>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? zero : inner.Read(ref reader, typeToConvert, options)!;

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => inner.Write(writer, value, options);
}

/// <summary><c>null</c> → <c>""</c>; escapes resolved as Go resolves them (<see cref="GoJsonText.ReadString"/>).</summary>
public sealed class NullAsEmptyStringConverter() : NullAsZeroConverter<string>(JsonMetadataServices.StringConverter!, "")
{
    /// <inheritdoc/>
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? GoJsonText.ReadString(ref reader) : base.Read(ref reader, typeToConvert, options);
}

/// <summary><c>null</c> → 0.</summary>
public sealed class NullAsZeroInt32Converter() : NullAsZeroConverter<int>(JsonMetadataServices.Int32Converter, 0);

/// <summary><c>null</c> → 0.</summary>
public sealed class NullAsZeroInt64Converter() : NullAsZeroConverter<long>(JsonMetadataServices.Int64Converter, 0);

/// <summary><c>null</c> → 0.</summary>
public sealed class NullAsZeroDoubleConverter() : NullAsZeroConverter<double>(JsonMetadataServices.DoubleConverter, 0);

/// <summary><c>null</c> → <c>false</c>.</summary>
public sealed class NullAsFalseConverter() : NullAsZeroConverter<bool>(JsonMetadataServices.BooleanConverter, false);
