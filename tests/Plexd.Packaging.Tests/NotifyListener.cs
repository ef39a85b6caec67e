using System.Net.Sockets;
using System.Text;

namespace Plexd.Packaging.Tests;

/// <summary>What systemd would be for sd_notify: a Unix datagram socket in the abstract namespace collecting messages.</summary>
internal sealed class NotifyListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly List<string> _messages = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    public NotifyListener()
    {
        Name = "plexd-test-notify-" + Guid.NewGuid().ToString("N");
        _socket.Bind(new UnixDomainSocketEndPoint("\0" + Name));
        _pump = PumpAsync();
    }

    /// <summary>The abstract socket name, without the leading NUL.</summary>
    public string Name { get; }

    /// <summary>The value for <c>$NOTIFY_SOCKET</c>.</summary>
    public string NotifySocket => "@" + Name;

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return _messages.ToList();
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _pump.ContinueWith(_ => { }, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            int n = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            lock (_messages)
            {
                _messages.Add(Encoding.UTF8.GetString(buffer, 0, n));
            }
        }
    }
}
