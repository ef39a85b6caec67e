using System.Text;
using Plexd.Core.Identity;
using Plexd.Sodium;
using Xunit;

namespace Plexd.Core.Tests.Identity;

public sealed class IdentityStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "plexd-id-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static NodeIdentity Sample() => new("n_demo1", "10.100.9.3", "Qk9HVVNLRVlCT0dVU0tFWUJPR1VTS0VZQk9HVVNLRVk=", "nsk", X25519.GeneratePrivateKey());

    [Fact]
    public void Save_WritesFourFilesWithModesAndExactIdentityJson()
    {
        new IdentityStore(_dir).Save(Sample());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dir));
        foreach (string name in new[] { "identity.json", "private_key", "node_secret_key", "signing_public_key" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, name)));
        }

        Assert.Equal("{\n  \"node_id\": \"n_demo1\",\n  \"mesh_ip\": \"10.100.9.3\",\n  \"signing_public_key\": \"Qk9HVVNLRVlCT0dVU0tFWUJPR1VTS0VZQk9HVVNLRVk=\"\n}",
            File.ReadAllText(Path.Combine(_dir, "identity.json")));
        Assert.Equal("nsk", File.ReadAllText(Path.Combine(_dir, "node_secret_key")));
        Assert.Empty(Directory.GetFiles(_dir, ".tmp-*"));
    }

    [Fact]
    public void Load_AfterSave_RoundTrips()
    {
        var identity = Sample();
        var store = new IdentityStore(_dir);
        store.Save(identity);
        var loaded = store.Load()!;
        Assert.Equal(identity.NodeId, loaded.NodeId);
        Assert.Equal(identity.PrivateKey, loaded.PrivateKey);
    }

    [Fact]
    public void Load_NoIdentityJson_ReturnsNull() => Assert.Null(new IdentityStore(_dir).Load());

    [Fact]
    public void Load_SigningKeyFileDiffers_FileWinsWithWarning()
    {
        var store = new IdentityStore(_dir);
        store.Save(Sample());
        File.WriteAllText(Path.Combine(_dir, "signing_public_key"), "other\n");
        string? warning = null;
        Assert.Equal("other", store.Load(w => warning = w)!.SigningPublicKey);
        Assert.NotNull(warning);
    }

    [Fact]
    public void Load_MissingCompanionFile_IsUnusable()
    {
        var store = new IdentityStore(_dir);
        store.Save(Sample());
        File.Delete(Path.Combine(_dir, "node_secret_key"));
        Assert.Contains("node_secret_key", Assert.Throws<InvalidDataException>(() => store.Load()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AtomicWrite_LeftoverTempFileWithWideMode_EndsOwnerOnly()
    {
        Directory.CreateDirectory(_dir);
        string temp = Path.Combine(_dir, ".tmp-private_key");
        File.WriteAllText(temp, "stale");
        File.SetUnixFileMode(temp, (UnixFileMode)0b110_110_110);
        AtomicFile.Write(_dir, "private_key", Encoding.ASCII.GetBytes("new"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "private_key")));
        Assert.False(File.Exists(temp));
    }
}
