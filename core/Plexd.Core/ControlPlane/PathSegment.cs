using System.Text;

namespace Plexd.Core.ControlPlane;

/// <summary>Escapes a value as one URL path segment the way the control plane expects (Go's url.PathEscape).</summary>
internal static class PathSegment
{
    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            if (IsKept(b))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    // RFC 3986 unreserved characters plus the sub-delimiters Go leaves alone in a path segment.
    private static bool IsKept(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') ||
        b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~' or (byte)':' or (byte)'@' or (byte)'&' or (byte)'=' or (byte)'+' or (byte)'$';
}
