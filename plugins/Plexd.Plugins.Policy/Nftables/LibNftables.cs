using System.Runtime.InteropServices;

namespace Plexd.Plugins.Policy.Nftables;

/// <summary>
/// libnftables (Debian package libnftables1): every native call of the plugin is here. Each <see cref="Run"/> is one
/// nftables transaction: the kernel applies the whole buffer or none of it.
/// </summary>
internal sealed partial class LibNftables : IDisposable
{
    private const string Library = "libnftables.so.1";
    private const uint OutputJson = 1 << 4;
    private readonly IntPtr _context;
    private readonly Lock _gate = new();

    public LibNftables()
    {
        try
        {
            _context = nft_ctx_new(0);
        }
        catch (DllNotFoundException ex)
        {
            throw new InvalidOperationException("libnftables.so.1 is missing: install the libnftables1 package", ex);
        }

        nft_ctx_buffer_output(_context);
        nft_ctx_buffer_error(_context);
    }

    /// <summary>Runs a script of nft commands as one transaction and returns its output (JSON when asked).</summary>
    /// <exception cref="NftablesException">nftables or the kernel refused it; nothing was changed.</exception>
    public string Run(string commands, bool json = false)
    {
        lock (_gate)
        {
            nft_ctx_output_set_flags(_context, json ? OutputJson : 0);
            int result = nft_run_cmd_from_buffer(_context, commands);
            string output = Marshal.PtrToStringUTF8(nft_ctx_get_output_buffer(_context)) ?? "";
            string error = Marshal.PtrToStringUTF8(nft_ctx_get_error_buffer(_context)) ?? "";
            return result == 0 ? output : throw new NftablesException(error.Trim().Length > 0 ? error.Trim() : $"nft exited with {result}");
        }
    }

    public void Dispose() => nft_ctx_free(_context);

    [LibraryImport(Library)]
    private static partial IntPtr nft_ctx_new(uint flags);

    [LibraryImport(Library)]
    private static partial void nft_ctx_free(IntPtr context);

    [LibraryImport(Library)]
    private static partial int nft_ctx_buffer_output(IntPtr context);

    [LibraryImport(Library)]
    private static partial int nft_ctx_buffer_error(IntPtr context);

    [LibraryImport(Library)]
    private static partial IntPtr nft_ctx_get_output_buffer(IntPtr context);

    [LibraryImport(Library)]
    private static partial IntPtr nft_ctx_get_error_buffer(IntPtr context);

    [LibraryImport(Library)]
    private static partial void nft_ctx_output_set_flags(IntPtr context, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int nft_run_cmd_from_buffer(IntPtr context, string buffer);
}

/// <summary>nftables refused a command; the message is nft's own.</summary>
internal sealed class NftablesException(string message) : Exception(message);
