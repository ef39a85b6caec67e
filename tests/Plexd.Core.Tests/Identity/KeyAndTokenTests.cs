using Plexd.Core.Configuration;
using Plexd.Core.Identity;
using Plexd.Sodium;
using Xunit;

namespace Plexd.Core.Tests.Identity;

public sealed class KeyAndTokenTests
{
    [Fact]
    public void X25519_Rfc7748Vector_Matches() =>
        Assert.Equal("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
            Convert.ToHexStringLower(X25519.PublicKeyOf(Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"))));

    [Fact]
    public void GeneratePrivateKey_IsClampedAndPublicKeyIs44Base64Chars()
    {
        for (int i = 0; i < 64; i++)
        {
            byte[] key = X25519.GeneratePrivateKey();
            Assert.Equal(0, key[0] & 7);
            Assert.Equal(0, key[31] & 0x80);
            Assert.NotEqual(0, key[31] & 0x40);
            Assert.Equal(44, Convert.ToBase64String(X25519.PublicKeyOf(key)).Length);
        }
    }

    private static BootstrapTokenResolver Resolver(string value, string file, string? env) =>
        new(new TokenOptions { Value = value, File = file, Env = "TEST_TOKEN" }, name => name == "TEST_TOKEN" ? env : null);

    [Fact]
    public async Task Resolve_PriorityValueThenFileThenEnvironment()
    {
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "  from-file\n");
            Assert.Equal("from-value", (await Resolver(" from-value ", file, "from-env").ResolveAsync(CancellationToken.None))!.Value);
            var fromFile = (await Resolver("", file, "from-env").ResolveAsync(CancellationToken.None))!;
            Assert.Equal("from-file", fromFile.Value);
            Assert.Equal(file, fromFile.FileToDelete);
            var fromEnv = (await Resolver("", file + ".absent", "\tfrom-env\n").ResolveAsync(CancellationToken.None))!;
            Assert.Equal("from-env", fromEnv.Value);
            Assert.Null(fromEnv.FileToDelete);
            Assert.Null(await Resolver("", file + ".absent", null).ResolveAsync(CancellationToken.None));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(513, "")]
    [InlineData(10, "a\tb")]
    public async Task Resolve_InvalidTokenStopsWithoutFallingThrough(int length, string inner)
    {
        string token = inner.Length > 0 ? inner : new string('x', length);
        var resolver = Resolver(token, "/nonexistent", "valid-env-token");
        await Assert.ThrowsAsync<InvalidDataException>(() => resolver.ResolveAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Resolve_TokenFileWithByteOrderMark_IsRefused_AsGoDoes()
    {
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, [0xEF, 0xBB, 0xBF, .. "plx_token"u8]);
            await Assert.ThrowsAsync<InvalidDataException>(() => Resolver("", file, null).ResolveAsync(CancellationToken.None));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Resolve_512ByteTokenWithInnerSpaces_IsAccepted() =>
        Assert.Equal(512, (await Resolver("a b" + new string('x', 509), "/nonexistent", null).ResolveAsync(CancellationToken.None))!.Value.Length);
}
