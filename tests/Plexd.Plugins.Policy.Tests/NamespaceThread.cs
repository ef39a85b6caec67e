using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Plexd.Plugins.Policy.Tests;

/// <summary>
/// A thread that has entered a network namespace (setns is per thread), so in-process libnftables calls made on it
/// talk to that namespace's nftables. Work is queued to it and awaited.
/// </summary>
internal sealed partial class NamespaceThread : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;

    public NamespaceThread(string netns)
    {
        var entered = new TaskCompletionSource();
        _thread = new Thread(() =>
        {
            using (var handle = File.OpenHandle($"/var/run/netns/{netns}"))
            {
                if (setns(handle.DangerousGetHandle().ToInt32(), CloneNewNet) != 0)
                {
                    entered.SetException(new InvalidOperationException($"setns {netns} failed: errno {Marshal.GetLastPInvokeError()}"));
                    return;
                }
            }

            entered.SetResult();
            foreach (var action in _work.GetConsumingEnumerable())
            {
                action();
            }
        }) { IsBackground = true, Name = $"netns {netns}" };
        _thread.Start();
        entered.Task.GetAwaiter().GetResult();
    }

    public Task<T> RunAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(int fd, int nstype);
}
