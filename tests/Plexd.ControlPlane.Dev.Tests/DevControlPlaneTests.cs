using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Plexd.Sdk.Json;
using Plexd.Sdk.Wire;
using Plexd.Sodium;
using Xunit;

namespace Plexd.ControlPlane.Dev.Tests;

public sealed class DevControlPlaneTests : IAsyncLifetime
{
    private DevControlPlane _plane = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _plane = await DevControlPlane.StartAsync();
        _http.BaseAddress = new Uri(_plane.Url);
        _plane.State.AddToken("plx_once", oneTime: true);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _plane.DisposeAsync();
    }

    private async Task<RegisterResponse> RegisterAsync(string token = "plx_once")
    {
        var body = new ByteArrayContent(WireJson.Serialize(new RegisterRequest { Token = token, PublicKey = Convert.ToBase64String(X25519.PublicKeyOf(X25519.GeneratePrivateKey())), Hostname = "h" }));
        var response = await _http.PostAsync("/v1/register", body);
        response.EnsureSuccessStatusCode();
        return WireJson.Deserialize<RegisterResponse>(await response.Content.ReadAsByteArrayAsync())!;
    }

    [Fact]
    public async Task Register_OneTimeToken_WorksOnce()
    {
        var node = await RegisterAsync();
        Assert.StartsWith("n_", node.NodeId, StringComparison.Ordinal);
        Assert.Equal(32, node.NodeSecretKey.Length);
        var again = await _http.PostAsync("/v1/register", new ByteArrayContent(WireJson.Serialize(new RegisterRequest { Token = "plx_once", PublicKey = "k" })));
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task NodeEndpoints_RequireThatNodesSecretKey()
    {
        var node = await RegisterAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync($"/v1/nodes/{node.NodeId}/state")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/nodes/{node.NodeId}/state");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.NodeSecretKey);
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/v1/nodes/n_unknown/state")).StatusCode);
    }

    [Fact]
    public void SignedEnvelope_VerifiesOverIndependentlyBuiltCanonicalBytes()
    {
        var signer = new EventSigner(TimeProvider.System);
        var issued = new DateTimeOffset(2030, 6, 1, 8, 0, 0, TimeSpan.Zero).AddMilliseconds(250);
        string envelope = signer.Sign("policy_updated", "e-42", "{ \"reason\" : \"R&D <x>\", \"ids\":[ 3, 1 ] }", issued, "abc");
        using var document = JsonDocument.Parse(envelope);
        byte[] signature = Convert.FromBase64String(document.RootElement.GetProperty("signature").GetString()!);
        byte[] canonical = Encoding.UTF8.GetBytes("{\"event_type\":\"policy_updated\",\"event_id\":\"e-42\",\"issued_at\":\"2030-06-01T08:00:00.25Z\",\"nonce\":\"abc\",\"payload\":{\"reason\":\"R\\u0026D \\u003cx\\u003e\",\"ids\":[3,1]}}");
        Assert.True(Ed25519.Verify(signature, canonical, Convert.FromBase64String(signer.CurrentPublicKey)));
    }

    [Fact]
    public void SecretBox_OpensWithTheNodeSecretKeyBytes()
    {
        string nsk = new('k', 32);
        var (ciphertext, nonce) = SecretBox.Seal(nsk, "s3cret");
        byte[] sealedBytes = Convert.FromBase64String(ciphertext);
        byte[] plain = new byte[sealedBytes.Length - 16];
        using var aes = new AesGcm(Encoding.UTF8.GetBytes(nsk), 16);
        aes.Decrypt(Convert.FromBase64String(nonce), sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), plain);
        Assert.Equal("s3cret", Encoding.UTF8.GetString(plain));
    }

    [Fact]
    public async Task Fault_Returns503ForItsCount_ThenRecovers()
    {
        _plane.State.AddFault(new FaultRule("/v1/ping", 503, Count: 2, RetryAfterSeconds: 7));
        var first = await _http.GetAsync("/v1/ping");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal("7", first.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _http.GetAsync("/v1/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/v1/ping")).StatusCode);
    }

    [Fact]
    public async Task GzipRequestBody_IsAccepted()
    {
        _plane.State.AddToken("plx_gz");
        byte[] json = WireJson.Serialize(new RegisterRequest { Token = "plx_gz", PublicKey = "k", Hostname = new string('h', 2000) });
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(json);
        }

        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentEncoding.Add("gzip");
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("/v1/register", content)).StatusCode);
        Assert.Equal(json, _plane.State.Requests.Last(r => r.Path == "/v1/register").Body);
    }
}
