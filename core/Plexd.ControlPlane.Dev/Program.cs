using System.Net;

namespace Plexd.ControlPlane.Dev;

/// <summary><c>plexd-devcp [--listen URL] [--token TOKEN]... [--allow-remote]</c>.</summary>
public static class Program
{
    /// <summary>Runs the development control plane until Ctrl+C or SIGTERM.</summary>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string listen = "http://127.0.0.1:8480";
        var tokens = new List<string>();
        bool allowRemote = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--listen" when i + 1 < args.Length: listen = args[++i]; break;
                case "--token" when i + 1 < args.Length: tokens.Add(args[++i]); break;
                case "--allow-remote": allowRemote = true; break;
                default:
                    await Console.Error.WriteLineAsync($"plexd-devcp: unknown argument {args[i]}\nusage: plexd-devcp [--listen http://127.0.0.1:8480] [--token TOKEN]... [--allow-remote]");
                    return 2;
            }
        }

        if (!allowRemote && !IsLoopback(listen))
        {
            await Console.Error.WriteLineAsync($"plexd-devcp: refusing to listen on {listen}: this control plane has no authentication on its admin API; use a loopback address or --allow-remote");
            return 2;
        }

        await using var plane = await DevControlPlane.StartAsync(listen);
        foreach (string token in tokens)
        {
            plane.State.AddToken(token);
        }

        Console.WriteLine($"DEVELOPMENT control plane: not for production, state is in memory. Listening on {plane.Url}");
        Console.WriteLine($"  signing key: {plane.State.Signer.CurrentPublicKey}; bootstrap tokens: {(tokens.Count == 0 ? "none (POST /admin/tokens)" : string.Join(", ", tokens))}");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return 0;
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) &&
        (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address)));
}
