using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Plexd.Plugins.Actions.Hooks;

/// <summary>
/// Watches the hooks directory and signals (coalesced) when anything in it is created, written, removed or renamed.
/// A directory that does not exist yet, or cannot be watched, is logged; `plexd hooks reload` still works.
/// </summary>
internal sealed class HookWatcher(HooksOptions options, ILogger<HookWatcher> logger) : IDisposable
{
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private FileSystemWatcher? _watcher;

    public ChannelReader<bool> Changes => _changes.Reader;

    public void Start()
    {
        if (!options.Enabled || !options.Watch || options.Dir.Length == 0)
        {
            return;
        }

        try
        {
            _watcher = new FileSystemWatcher(options.Dir)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Attributes | NotifyFilters.Size,
                IncludeSubdirectories = false,
            };
            _watcher.Created += (_, _) => Signal();
            _watcher.Changed += (_, _) => Signal();
            _watcher.Deleted += (_, _) => Signal();
            _watcher.Renamed += (_, _) => Signal();
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or PlatformNotSupportedException)
        {
            logger.WatchFailed(options.Dir, ex.Message);
        }
    }

    public void Dispose() => _watcher?.Dispose();

    private void Signal() => _changes.Writer.TryWrite(true);
}
