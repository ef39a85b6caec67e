using System.Net;
using Plexd.Sdk.Actions;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary><c>ping</c>: one ICMP echo (<c>ping -c 1 -W 3</c>) to an IP literal.</summary>
internal sealed class PingAction() : BuiltinAction("ping", "Ping target", Parameter("target", "string", true, "Target IP address"))
{
    public override async Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        string target = invocation.Text("target");
        if (!IsIpLiteral(target))
        {
            return Failure($"invalid target IP: {target}");
        }

        var outcome = await Commands.RunAsync("ping", ["-c", "1", "-W", "3", target], cancellationToken).ConfigureAwait(false);
        string text = outcome.Stdout + outcome.Stderr;
        return outcome.ExitCode == 0 ? Success(text) : new ActionOutcome(outcome.ExitCode, "", text);
    }

    /// <summary>
    /// What Go's <c>net.ParseIP</c> accepts: four dotted decimal octets without leading zeros, or an IPv6 literal without
    /// a zone. .NET's parser also takes <c>127.1</c>, <c>0x7f.0.0.1</c> and <c>fe80::1%eth0</c>, which the original refuses.
    /// </summary>
    internal static bool IsIpLiteral(string text)
    {
        if (!IPAddress.TryParse(text, out var address) || text.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return text.Contains(':', StringComparison.Ordinal);
        }

        string[] octets = text.Split('.');
        return octets.Length == 4 && octets.All(o => o.Length is > 0 and <= 3 && o.All(char.IsAsciiDigit) && (o.Length == 1 || o[0] != '0'));
    }
}
