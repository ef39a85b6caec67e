using System.Net;
using NSubstitute;
using Plexd.ControlPlane.Dev;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Wire;
using Plexd.Testing.Integration;
using Xunit;

namespace Plexd.Plugins.NodeApi.Tests;

/// <summary>
/// Who may reach what (spec 04 §2): real local users calling the socket with curl, the socket's owner and mode, and the
/// TCP listener's bearer token.
/// </summary>
public sealed class AccessTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly string _tag = Guid.NewGuid().ToString("N")[..6];
    private readonly IControlPlane _controlPlane = Substitute.For<IControlPlane>();
    private NodeApiHost? _host;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await Shell.RunAsync($"userdel pxu{_tag} 2>/dev/null; userdel pxp{_tag} 2>/dev/null; groupdel pxs{_tag} 2>/dev/null; groupdel pxg{_tag} 2>/dev/null; true", check: false);
        _dir.Dispose();
    }

    private async Task<string> CurlAsUser(string path) =>
        await Shell.OutputAsync($"runuser -u pxu{_tag} -- curl -s --unix-socket {_host!.Options.Socket} -w ' %{{http_code}}' http://localhost{path}");

    [RootFact]
    public async Task SecretPaths_UserOutsideSecretsGroup_Forbidden_MemberAllowed_OtherRoutesOpen()
    {
        await Shell.RunAsync($"groupadd pxs{_tag} && useradd -M -N -s /usr/sbin/nologin pxu{_tag}");
        var options = NodeApiHost.OptionsIn(_dir.Path);
        options.SecretsGroup = $"pxs{_tag}";
        var (ciphertext, nonce) = SecretBox.Seal(NodeApiHost.NodeSecretKey, "hunter2");
        _controlPlane.FetchSecretAsync("node-1", "x", Arg.Any<CancellationToken>()).Returns(new SecretResponse { Key = "x", Ciphertext = ciphertext, Nonce = nonce, Version = 1 });
        _host = await NodeApiHost.StartAsync(_dir.Path, options, _controlPlane);

        const string Forbidden = "{\"error\":\"forbidden: insufficient privileges for secret access\"}\n 403";
        Assert.Equal(Forbidden, await CurlAsUser("/v1/state/secrets"));
        Assert.Equal(Forbidden, await CurlAsUser("/v1/state/secrets/x"));
        Assert.Equal(Forbidden, await CurlAsUser("/v1/state/secrets/x/extra")); // before routing, as the original
        Assert.EndsWith(" 200", await CurlAsUser("/v1/state/metadata"), StringComparison.Ordinal);
        await _controlPlane.DidNotReceiveWithAnyArgs().FetchSecretAsync(default!, default!, default);

        // Membership listed in the group database is enough (the check reads it per request).
        await Shell.RunAsync($"usermod -aG pxs{_tag} pxu{_tag}");
        Assert.Equal("{\"key\":\"x\",\"value\":\"hunter2\",\"version\":1}\n 200", await CurlAsUser("/v1/state/secrets/x"));

        // So is a caller whose primary group it is.
        await Shell.RunAsync($"useradd -M -N -g pxs{_tag} -s /usr/sbin/nologin pxp{_tag}");
        Assert.EndsWith(" 200", await Shell.OutputAsync($"runuser -u pxp{_tag} -- curl -s --unix-socket {_host.Options.Socket} -w ' %{{http_code}}' http://localhost/v1/state/secrets"), StringComparison.Ordinal);

        // Root is always allowed.
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync("/v1/state/secrets")).StatusCode);
    }

    [RootFact]
    public async Task Socket_GroupPresent_RootGroup0660_StaleFileReplaced_RemovedOnStop()
    {
        await Shell.RunAsync($"groupadd pxg{_tag}");
        var options = NodeApiHost.OptionsIn(_dir.Path);
        options.SocketGroup = $"pxg{_tag}";
        Directory.CreateDirectory(Path.GetDirectoryName(options.Socket)!);
        await File.WriteAllTextAsync(options.Socket, "stale");
        _host = await NodeApiHost.StartAsync(_dir.Path, options, _controlPlane);

        Assert.Equal($"root:pxg{_tag} 660 socket\n", await Shell.OutputAsync($"stat -c '%U:%G %a %F' {options.Socket}"));
        Assert.Equal("755\n", await Shell.OutputAsync($"stat -c '%a' {Path.GetDirectoryName(options.Socket)}"));
        await _host.DisposeAsync();
        _host = null;
        Assert.False(File.Exists(options.Socket));
    }

    [Fact]
    public async Task Socket_GroupMissing_WorldAccessible()
    {
        _host = await NodeApiHost.StartAsync(_dir.Path, NodeApiHost.OptionsIn(_dir.Path), _controlPlane);
        Assert.Equal((UnixFileMode)0b110_110_110, File.GetUnixFileMode(_host.Options.Socket));
    }

    [Fact]
    public async Task Tcp_BearerToken_CheckedBeforeRouting()
    {
        string tokenFile = Path.Combine(_dir.Path, "token");
        await File.WriteAllTextAsync(tokenFile, "  s3cret-token\n");
        int port = FreePort();
        var options = NodeApiHost.OptionsIn(_dir.Path);
        options.Http = new NodeApiHttpOptions { Enabled = true, Listen = $"127.0.0.1:{port}", TokenFile = tokenFile };
        _host = await NodeApiHost.StartAsync(_dir.Path, options, _controlPlane);
        using var tcp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        async Task<(HttpStatusCode, string)> Get(string path, string? authorization)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            var response = await tcp.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var unauthorized = (HttpStatusCode.Unauthorized, "{\"error\":\"unauthorized\"}\n");
        Assert.Equal(unauthorized, await Get("/v1/state", null));
        Assert.Equal(unauthorized, await Get("/v1/state", "Basic czNjcmV0LXRva2Vu"));
        Assert.Equal(unauthorized, await Get("/v1/state", "Bearer "));
        Assert.Equal(unauthorized, await Get("/v1/state", "Bearer  s3cret-token")); // the second space belongs to the token
        Assert.Equal(unauthorized, await Get("/nowhere", null));
        Assert.Equal(HttpStatusCode.OK, (await Get("/v1/state", "bearer s3cret-token")).Item1);
        Assert.Equal(HttpStatusCode.OK, (await Get("/v1/state/secrets", "Bearer s3cret-token")).Item1); // no peer check on TCP
    }

    [Fact]
    public async Task Tcp_EmptyTokenFile_StartFailsAndLeavesNoSocket()
    {
        string tokenFile = Path.Combine(_dir.Path, "token");
        await File.WriteAllTextAsync(tokenFile, " \n");
        var options = NodeApiHost.OptionsIn(_dir.Path);
        options.Http = new NodeApiHttpOptions { Enabled = true, Listen = $"127.0.0.1:{FreePort()}", TokenFile = tokenFile };
        Directory.CreateDirectory(Path.GetDirectoryName(options.Socket)!);
        await File.WriteAllTextAsync(options.Socket, ""); // a stale socket from an earlier run
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeApiHost.StartAsync(_dir.Path, options, _controlPlane));
        Assert.Contains("token file is empty", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(options.Socket));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
