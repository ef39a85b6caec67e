using System.Net.NetworkInformation;
using System.Text.Json;
using Plexd.Sdk.Actions;
using Plexd.Sdk.Status;

namespace Plexd.Plugins.Actions.Builtins;

/// <summary><c>diagnostics.collect</c>: host facts, agent state, and optionally interfaces and the largest processes.</summary>
internal sealed class DiagnosticsCollectAction(IAgentStatus agent) : BuiltinAction(
    "diagnostics.collect",
    "Collect a diagnostics bundle",
    Parameter("include_network", "bool", false, "Include network interfaces and addresses (default true)"),
    Parameter("include_processes", "bool", false, "Include the 20 largest processes by memory (default false)"))
{
    private const int TopProcesses = 20;

    public override Task<ActionOutcome> ExecuteAsync(ActionInvocation invocation, CancellationToken cancellationToken)
    {
        bool network = invocation.Flag("include_network", fallback: true);
        bool processes = invocation.Flag("include_processes");
        return Task.FromResult(Success(JsonText.Object(json =>
        {
            json.WriteStartObject("system");
            SystemFacts.Write(json, agent.Version);
            json.WriteEndObject();
            json.WriteStartObject("agent");
            json.WriteString("node_id", agent.NodeId);
            json.WriteString("mesh_ip", agent.MeshIp);
            json.WriteString("event_stream", agent.EventStreamState);
            WriteComponents(json, "plugins", agent.Plugins);
            WriteComponents(json, "subsystems", agent.Subsystems);
            json.WriteEndObject();
            if (network)
            {
                WriteInterfaces(json);
            }

            if (processes)
            {
                WriteProcesses(json);
            }
        })));
    }

    internal static void WriteComponents(Utf8JsonWriter json, string name, IReadOnlyList<ComponentState> components)
    {
        json.WriteStartArray(name);
        foreach (var component in components)
        {
            json.WriteStartObject();
            json.WriteString("name", component.Name);
            json.WriteString("state", component.State);
            json.WriteString("reason", component.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteInterfaces(Utf8JsonWriter json)
    {
        json.WriteStartArray("interfaces");
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            json.WriteStartObject();
            json.WriteString("name", nic.Name);
            json.WriteString("state", nic.OperationalStatus.ToString().ToLowerInvariant());
            json.WriteStartArray("addresses");
            foreach (var address in nic.GetIPProperties().UnicastAddresses)
            {
                json.WriteStringValue($"{address.Address}/{address.PrefixLength}");
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteProcesses(Utf8JsonWriter json)
    {
        var top = System.Diagnostics.Process.GetProcesses()
            .Select(p =>
            {
                using (p)
                {
                    try
                    {
                        return (p.Id, Name: p.ProcessName, Rss: p.WorkingSet64);
                    }
                    catch (InvalidOperationException)
                    {
                        return (p.Id, Name: "", Rss: 0L);
                    }
                }
            })
            .Where(p => p.Name.Length > 0)
            .OrderByDescending(p => p.Rss)
            .Take(TopProcesses);
        json.WriteStartArray("processes");
        foreach (var (id, name, rss) in top)
        {
            json.WriteStartObject();
            json.WriteNumber("pid", id);
            json.WriteString("name", name);
            json.WriteNumber("rss_bytes", rss);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
