using System.Globalization;
using System.Net.Http;

namespace Plexd.Core.Hosting.Doctor;

/// <summary>
/// The control plane answers <c>GET /v1/ping</c>, and its <c>Date</c> header agrees with the local clock within the
/// window in which signed events are accepted (a larger skew makes the agent reject every event).
/// </summary>
public sealed class ControlPlaneCheck(string baseUrl, HttpMessageHandler handler, TimeSpan timeout, TimeProvider time) : IDoctorCheck
{
    /// <summary>Signed events older or newer than this are refused (spec 01 §3).</summary>
    public static readonly TimeSpan SignatureWindow = TimeSpan.FromMinutes(5);

    /// <summary>A skew above this still works but eats into the window.</summary>
    public static readonly TimeSpan SkewWarning = TimeSpan.FromSeconds(30);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        if (baseUrl.Length == 0)
        {
            return [new CheckResult("control plane", CheckStatus.Fail, "api.url is not set", "set api.url in config.yaml, PLEXD_API or --api")];
        }

        string url = baseUrl.TrimEnd('/') + "/v1/ping";
        using var client = new HttpClient(handler, disposeHandler: false) { Timeout = timeout };
        HttpResponseMessage response;
        var sent = time.GetUtcNow();
        try
        {
            response = await client.GetAsync(url, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return
            [
                new CheckResult("control plane", CheckStatus.Fail, $"{url} unreachable: {ex.Message}", "check api.url, DNS, routes and firewalls towards the control plane"),
                new CheckResult("clock skew", CheckStatus.Fail, "not measured: the control plane did not answer", "fix the control plane check first"),
            ];
        }

        using (response)
        {
            var received = time.GetUtcNow();
            var reachable = new CheckResult("control plane", CheckStatus.Ok, string.Create(CultureInfo.InvariantCulture, $"{url} answered {(int)response.StatusCode} in {(received - sent).TotalMilliseconds:F0} ms"));
            return [reachable, Skew(response.Headers.Date, sent + ((received - sent) / 2))];
        }
    }

    private static CheckResult Skew(DateTimeOffset? serverDate, DateTimeOffset local)
    {
        if (serverDate is not { } date)
        {
            return new CheckResult("clock skew", CheckStatus.Warn, "the control plane sent no Date header", "none needed; skew cannot be measured this way");
        }

        var skew = local - date; // the header has one-second resolution
        string detail = string.Create(CultureInfo.InvariantCulture, $"local clock is {Math.Abs(skew.TotalSeconds):F0}s {(skew >= TimeSpan.Zero ? "ahead of" : "behind")} the control plane (signature window ±{SignatureWindow.TotalMinutes:F0} min)");
        var magnitude = skew.Duration();
        return magnitude >= SignatureWindow ? new CheckResult("clock skew", CheckStatus.Fail, detail, "synchronise the clock (systemd-timesyncd, chrony or ntpd); signed events are rejected")
            : magnitude > SkewWarning ? new CheckResult("clock skew", CheckStatus.Warn, detail, "enable time synchronisation (systemd-timesyncd or chrony)")
            : new CheckResult("clock skew", CheckStatus.Ok, detail);
    }
}
