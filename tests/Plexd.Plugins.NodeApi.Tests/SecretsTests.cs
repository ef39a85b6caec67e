using System.Net;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Plexd.ControlPlane.Dev;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Wire;
using Xunit;

namespace Plexd.Plugins.NodeApi.Tests;

/// <summary>Secret values fetched live and decrypted (spec 04 §3.6, §5), called as root.</summary>
public sealed class SecretsTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly IControlPlane _controlPlane = Substitute.For<IControlPlane>();
    private NodeApiHost _host = null!;

    public async Task InitializeAsync() => _host = await NodeApiHost.StartAsync(_dir.Path, NodeApiHost.OptionsIn(_dir.Path), _controlPlane);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    private void Serve(string key, SecretResponse response) =>
        _controlPlane.FetchSecretAsync("node-1", key, Arg.Any<CancellationToken>()).Returns(response);

    private static SecretResponse Sealed(string key, string value, long version, string nodeSecretKey = NodeApiHost.NodeSecretKey)
    {
        var (ciphertext, nonce) = SecretBox.Seal(nodeSecretKey, value);
        return new SecretResponse { Key = key, Ciphertext = ciphertext, Nonce = nonce, Version = version };
    }

    private async Task<(HttpStatusCode, string)> GetAsync(string path)
    {
        var response = await _host.Client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Value_DecryptedWithTheControlPlanesKeyAndVersion_EscapedKeyDecoded()
    {
        Serve("db/password", Sealed("db/password", "s3cr<e>t", 7));
        Assert.Equal((HttpStatusCode.OK, "{\"key\":\"db/password\",\"value\":\"s3cr\\u003ce\\u003et\",\"version\":7}\n"), await GetAsync("/v1/state/secrets/db%2Fpassword"));
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(_dir.Path, "state"), "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("s3cr", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Value_ControlPlane404_NotFound_OtherFailures_Unavailable()
    {
        _controlPlane.FetchSecretAsync("node-1", "gone", Arg.Any<CancellationToken>()).ThrowsAsync(new ControlPlaneException(404, "", null));
        _controlPlane.FetchSecretAsync("node-1", "forbidden", Arg.Any<CancellationToken>()).ThrowsAsync(new ControlPlaneException(403, "", null));
        _controlPlane.FetchSecretAsync("node-1", "down", Arg.Any<CancellationToken>()).ThrowsAsync(new ControlPlaneException("connection refused", null));
        Assert.Equal((HttpStatusCode.NotFound, "{\"error\":\"not found\"}\n"), await GetAsync("/v1/state/secrets/gone"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "{\"error\":\"control plane unavailable\"}\n"), await GetAsync("/v1/state/secrets/forbidden"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "{\"error\":\"control plane unavailable\"}\n"), await GetAsync("/v1/state/secrets/down"));
    }

    [Fact]
    public async Task Value_UndecryptableCiphertext_InternalError()
    {
        var good = Sealed("k", "value", 1);
        var tampered = Convert.FromBase64String(good.Ciphertext);
        tampered[0] ^= 1;
        Serve("wrong-key", Sealed("wrong-key", "v", 1, "ffffffffffffffffffffffffffffffff"));
        Serve("tampered", good with { Ciphertext = Convert.ToBase64String(tampered) });
        Serve("short-nonce", good with { Nonce = Convert.ToBase64String(new byte[8]) });
        Serve("unpadded", good with { Ciphertext = good.Ciphertext.TrimEnd('=') + (good.Ciphertext.EndsWith('=') ? "" : "A") });
        foreach (string key in new[] { "wrong-key", "tampered", "short-nonce", "unpadded" })
        {
            Assert.Equal((HttpStatusCode.InternalServerError, "{\"error\":\"internal error\"}\n"), await GetAsync("/v1/state/secrets/" + key));
        }
    }
}
