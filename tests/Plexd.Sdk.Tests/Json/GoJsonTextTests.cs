using System.Buffers;
using System.Text;
using Plexd.Sdk.Json;
using Xunit;

namespace Plexd.Sdk.Tests.Json;

public sealed class GoJsonTextTests
{
    private static string Encode(string value)
    {
        var output = new ArrayBufferWriter<byte>();
        GoJsonText.WriteString(value, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    // Expected texts as Go's encoding/json (1.22+) writes them.
    [Theory]
    [InlineData("", "\"\"")]
    [InlineData("plain ascii ~ {} [] 0-9", "\"plain ascii ~ {} [] 0-9\"")]
    [InlineData("quote \" back \\ slash", "\"quote \\\" back \\\\ slash\"")]
    [InlineData("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"")]
    [InlineData("\u0000\u0001\u001b\u001f", "\"\\u0000\\u0001\\u001b\\u001f\"")]
    [InlineData("<b>&amp;</b>", "\"\\u003cb\\u003e\\u0026amp;\\u003c/b\\u003e\"")]
    [InlineData("sep \u2028 \u2029", "\"sep \\u2028 \\u2029\"")]
    [InlineData("\u007f \u0080 \u00a0 \ufeff é 日本 😀", "\"\u007f \u0080 \u00a0 \ufeff é 日本 😀\"")]
    public void WriteString_EncodesAsGo(string value, string expected) => Assert.Equal(expected, Encode(value));

    // Not theory data: xunit's serialisation of test cases mangles lone surrogates.
    [Fact]
    public void WriteString_LoneSurrogates_BecomeReplacementCharacters() =>
        Assert.Equal("\"lone \ufffd high, lone \ufffd low, high at end \ufffd\"", Encode("lone \ud800 high, lone \udc00 low, high at end \ud83d"));

    [Fact]
    public void WriteString_RandomText_SameAsCharacterByCharacterReference()
    {
        char[] alphabet = ['a', 'Z', ' ', '"', '\\', '<', '>', '&', '\n', '\u0001', '\u007f', 'é', '日', '\u2028', '\u2029', '\ud83d', '\ude00', '\ufffd'];
        var random = new Random(20261122);
        for (int round = 0; round < 2_000; round++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 80)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            Assert.Equal(Reference(text), Encode(text));
        }
    }

    // The rules one rune at a time: the specification the vectorised writer must agree with.
    private static string Reference(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var rune in value.EnumerateRunes())
        {
            text.Append(rune.Value switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                '<' or '>' or '&' or 0x2028 or 0x2029 or < 0x20 => $"\\u{rune.Value:x4}",
                _ => rune.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}
