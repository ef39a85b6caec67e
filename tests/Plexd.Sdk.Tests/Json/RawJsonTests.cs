using System.Text;
using Plexd.Sdk.Json;
using Xunit;

namespace Plexd.Sdk.Tests.Json;

public sealed class RawJsonTests
{
    [Fact]
    public void Object_IsCompactAndEscapedAsGo()
    {
        var json = RawJson.Object(w =>
        {
            w.WriteString("m", "a+b'é<&>");
            w.WriteNumber("n", 1);
        });
        Assert.Equal("{\"m\":\"a+b'é\\u003c\\u0026\\u003e\",\"n\":1}", Encoding.UTF8.GetString(json.Utf8.Span));
    }

    [Fact]
    public void String_IsAJsonStringEscapedAsGo() =>
        Assert.Equal("\"say \\\"hi\\\" \\u003c\"", Encoding.UTF8.GetString(RawJson.String("say \"hi\" <").Utf8.Span));
}
