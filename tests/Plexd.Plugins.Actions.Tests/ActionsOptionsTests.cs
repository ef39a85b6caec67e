using Plexd.Core.Configuration;
using Plexd.Plugins.Actions.Hooks;
using Plexd.Plugins.Actions.NodeApi;
using Plexd.Sdk.NodeApi;
using Xunit;

namespace Plexd.Plugins.Actions.Tests;

public sealed class ActionsOptionsTests
{
    [Fact]
    public void ReadmeActionsAndHooksExample_Loads()
    {
        // The README's "Actions" / "Hooks" configuration example, exactly as documented.
        var configuration = AgentConfiguration.FromYaml("""
            # Actions
            actions:
              enabled: true
              max_concurrent: 5           # Max parallel action executions
              socket: /var/run/plexd.sock # Unix socket for local action requests
              local_auth:
                require_root: true        # --local flag requires root or plexd user

            # Hooks
            hooks:
              enabled: true
              dir: /etc/plexd/hooks.d
              definitions:
                - name: backup
                  path: /etc/plexd/hooks.d/backup.sh
                  description: "Run incremental backup"
                  timeout: 300s
                  user: backup-agent
                  sandbox: namespaced
            """);
        var actions = configuration.BindSection<ActionsOptions>("actions");
        var hooks = configuration.BindSection<HooksOptions>("hooks");
        configuration.ThrowIfInvalid();

        Assert.Equal((5, "/var/run/plexd.sock", true), (actions.MaxConcurrent, actions.Socket, actions.LocalAuth.RequireRoot));
        var backup = Assert.Single(hooks.Definitions);
        Assert.Equal(("backup", "/etc/plexd/hooks.d/backup.sh", TimeSpan.FromSeconds(300), "backup-agent", "namespaced"),
            (backup.Name, backup.Path, backup.Timeout, backup.User, backup.Sandbox));
    }

    [Fact]
    public void ReadmeCustomHooksExample_Loads_DefaultsResourcesAndContainerSandboxAccepted()
    {
        // The README's "Custom Hooks (Bare-Metal / VM)" configuration, exactly as documented.
        var configuration = AgentConfiguration.FromYaml("""
            # /etc/plexd/config.yaml

            hooks:
              enabled: true
              dir: /etc/plexd/hooks.d

              definitions:
                - name: backup
                  path: /etc/plexd/hooks.d/backup.sh
                  description: "Run incremental backup of application data"
                  parameters:
                    - name: target
                      type: string
                      required: true
                      description: "Backup target path"
                    - name: compress
                      type: bool
                      default: "true"
                  timeout: 300s
                  user: backup-agent
                  sandbox: namespaced
                  resources:
                    cpu: "1.0"
                    memory: 512M

                - name: deploy
                  path: /etc/plexd/hooks.d/deploy.sh
                  description: "Deploy application version"
                  parameters:
                    - name: version
                      type: string
                      required: true
                    - name: rollback_on_failure
                      type: bool
                      default: "true"
                  timeout: 600s
                  user: deploy
                  sandbox: container
                  resources:
                    cpu: "2.0"
                    memory: 1G
            """);
        var hooks = configuration.BindSection<HooksOptions>("hooks");
        configuration.ThrowIfInvalid();

        Assert.Equal(["backup", "deploy"], hooks.Definitions.Select(d => d.Name));
        var backup = hooks.Definitions[0];
        Assert.Equal([null, "true"], backup.Parameters.Select(p => p.Default));
        Assert.Equal(("1.0", "512M"), (backup.Resources.Cpu, backup.Resources.Memory));
        var deploy = hooks.Definitions[1];
        Assert.Equal(("container", "2.0", "1G", TimeSpan.FromSeconds(600)), (deploy.Sandbox, deploy.Resources.Cpu, deploy.Resources.Memory, deploy.Timeout));
    }

    [Fact]
    public void Validate_BadResourcesSandboxAndSocket_NameKeyAndValue()
    {
        var configuration = AgentConfiguration.FromYaml("""
            actions:
              socket: plexd.sock
            hooks:
              definitions:
                - name: backup
                  sandbox: vm
                  resources:
                    cpu: lots
                    memory: 512 MB
            """);
        configuration.BindSection<ActionsOptions>("actions");
        configuration.BindSection<HooksOptions>("hooks");
        var errors = Assert.Throws<ConfigException>(configuration.ThrowIfInvalid).Message;

        Assert.Contains("actions.socket: must be an absolute path, got \"plexd.sock\"", errors, StringComparison.Ordinal);
        Assert.Contains("hooks.definitions[0].sandbox: must be none, namespaced or container, got \"vm\"", errors, StringComparison.Ordinal);
        Assert.Contains("hooks.definitions[0].resources.cpu: must be a positive number of CPUs such as 0.5 or 2.0, got \"lots\"", errors, StringComparison.Ordinal);
        Assert.Contains("hooks.definitions[0].resources.memory: must be a size such as 512M or 1G, got \"512 MB\"", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerSandbox_RefusedWhenTheHookRuns() =>
        Assert.Contains("sandbox \"container\" is not supported", Assert.Throws<HookRefusedException>(() => HookSandbox.Prefix("container")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(true, 0u, true)]
    [InlineData(true, 1000u, false)]
    [InlineData(true, null, false)]
    [InlineData(false, 1000u, true)]
    [InlineData(false, null, false)]
    public void LocalRun_RequireRoot_DecidesWhoMayRunLocally(bool requireRoot, uint? uid, bool allowed)
    {
        var authorizer = new LocalRunAuthorizer(new ActionsOptions { LocalAuth = new() { RequireRoot = requireRoot } });
        var request = new NodeApiRequest(new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty, CallerIsPrivileged: false, CallerUid: uid);

        Assert.Equal(allowed, authorizer.Authorize(request, local: true, out string refusal) is not null);
        Assert.Equal(allowed, refusal.Length == 0);
        // Non-local runs still need root or the session token.
        Assert.Equal(uid == 0, authorizer.Authorize(request, local: false, out _) is not null);
    }
}
