using System.Text;
using System.Text.Encodings.Web;

namespace Plexd.Sdk.Json;

/// <summary>
/// A <see cref="JavaScriptEncoder"/> that escapes exactly what Go's encoding/json escapes (controls, quote, backslash,
/// <c>&lt; &gt; &amp;</c>, U+2028, U+2029, in Go's spelling: <c>\n</c>, <c>\u003c</c>…) and writes everything else as
/// raw UTF-8, so a <see cref="System.Text.Json.Utf8JsonWriter"/> using it writes Go's bytes directly. The built-in
/// encoders escape more (emoji, U+007F–U+00A0, U+FEFF…) and upper-case their hex.
/// </summary>
public sealed class GoJsonEncoder : JavaScriptEncoder
{
    /// <summary>The one instance.</summary>
    public static GoJsonEncoder Instance { get; } = new();

    private GoJsonEncoder()
    {
    }

    /// <inheritdoc/>
    public override int MaxOutputCharactersPerInputCharacter => GoJsonText.MaxEscapeLength;

    /// <inheritdoc/>
    public override bool WillEncode(int unicodeScalar) => GoJsonText.NeedsEscape(unicodeScalar);

    /// <inheritdoc/>
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
        GoJsonText.IndexOfFirstToEscape(new ReadOnlySpan<char>(text, textLength));

    /// <inheritdoc/>
    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        if (!WillEncode(unicodeScalar))
        {
            return new Rune(unicodeScalar).TryEncodeToUtf16(destination, out numberOfCharactersWritten);
        }

        if (bufferLength < GoJsonText.MaxEscapeLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        numberOfCharactersWritten = GoJsonText.Escape((char)unicodeScalar, destination);
        return true;
    }
}
