using System.Runtime.InteropServices;

namespace Plexd.Plugins.Policy.Nftables;

/// <summary>
/// The sole P/Invoke surface to the system libnftables (Debian package libnftables1): one context, created on first
/// use, with output and errors buffered; calls are serialised. The context's netlink socket belongs to the network
/// namespace of the thread that first uses it.
/// </summary>
internal sealed partial class LibNftables : INftables, IDisposable
{
    private const string Library = "libnftables.so.1";
    private const uint OutputJson = 1 << 4;
    private readonly Lock _gate = new();
    private IntPtr _context;
    private bool _disposed;

    public string Run(string commands, bool jsonOutput = false)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var context = Context();
            nft_ctx_output_set_flags(context, jsonOutput ? OutputJson : 0);
            int rc = nft_run_cmd_from_buffer(context, commands);
            string output = Marshal.PtrToStringUTF8(nft_ctx_get_output_buffer(context)) ?? "";
            string error = Marshal.PtrToStringUTF8(nft_ctx_get_error_buffer(context)) ?? "";
            return rc == 0 ? output : throw new NftablesException(error.Trim().Length > 0 ? error.Trim() : $"nft_run_cmd_from_buffer returned {rc}");
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_context != IntPtr.Zero)
            {
                nft_ctx_free(_context);
                _context = IntPtr.Zero;
            }

            _disposed = true;
        }
    }

    private IntPtr Context()
    {
        if (_context != IntPtr.Zero)
        {
            return _context;
        }

        try
        {
            _context = nft_ctx_new(0);
        }
        catch (DllNotFoundException e)
        {
            throw new NftablesException($"{Library} is not installed (Debian package libnftables1)", e);
        }

        if (_context == IntPtr.Zero)
        {
            throw new NftablesException("nft_ctx_new failed");
        }

        if (nft_ctx_buffer_output(_context) != 0 || nft_ctx_buffer_error(_context) != 0)
        {
            throw new NftablesException("libnftables could not buffer its output");
        }

        return _context;
    }

    [LibraryImport(Library)]
    private static partial IntPtr nft_ctx_new(uint flags);

    [LibraryImport(Library)]
    private static partial void nft_ctx_free(IntPtr context);

    [LibraryImport(Library)]
    private static partial void nft_ctx_output_set_flags(IntPtr context, uint flags);

    [LibraryImport(Library)]
    private static partial int nft_ctx_buffer_output(IntPtr context);

    [LibraryImport(Library)]
    private static partial int nft_ctx_buffer_error(IntPtr context);

    [LibraryImport(Library)]
    private static partial IntPtr nft_ctx_get_output_buffer(IntPtr context);

    [LibraryImport(Library)]
    private static partial IntPtr nft_ctx_get_error_buffer(IntPtr context);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int nft_run_cmd_from_buffer(IntPtr context, string buffer);
}
