using System.Buffers;
using System.Text;
using System.Text.Json;
using Plexd.Sdk.Json;

namespace Plexd.Core.Identity;

/// <summary>
/// The identity files in <c>data_dir</c> (spec 01 §5.4): identity.json, private_key, node_secret_key,
/// signing_public_key, each 0600 and written atomically; the directory is created 0700.
/// </summary>
public sealed class IdentityStore(string dataDirectory)
{
    internal const string IdentityFile = "identity.json";
    internal const string PrivateKeyFile = "private_key";
    internal const string NodeSecretKeyFile = "node_secret_key";
    internal const string SigningKeyFile = "signing_public_key";

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>True when identity.json exists (the node was registered).</summary>
    public bool Exists => File.Exists(Path.Combine(DataDirectory, IdentityFile));

    /// <summary>Loads the identity; null when not registered.</summary>
    /// <exception cref="InvalidDataException">The files exist but are unusable (the message says which and why).</exception>
    public NodeIdentity? Load(Action<string>? warn = null)
    {
        string identityPath = Path.Combine(DataDirectory, IdentityFile);
        if (!File.Exists(identityPath))
        {
            return null;
        }

        string nodeId, meshIp, signingKeyInJson;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(identityPath));
            nodeId = StringProperty(document.RootElement, "node_id");
            meshIp = StringProperty(document.RootElement, "mesh_ip");
            signingKeyInJson = StringProperty(document.RootElement, "signing_public_key");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{identityPath}: not valid JSON: {ex.Message}", ex);
        }

        string privateKeyText = ReadCompanion(PrivateKeyFile);
        string nodeSecretKey = ReadCompanion(NodeSecretKeyFile);
        string signingKey = ReadCompanion(SigningKeyFile);
        byte[] privateKey;
        try
        {
            privateKey = Convert.FromBase64String(privateKeyText);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{Path.Combine(DataDirectory, PrivateKeyFile)}: not valid base64", ex);
        }

        if (signingKey != signingKeyInJson)
        {
            warn?.Invoke($"{SigningKeyFile} differs from {IdentityFile}; using {SigningKeyFile}");
        }

        if (nodeId.Length == 0 || meshIp.Length == 0)
        {
            throw new InvalidDataException($"{identityPath}: node_id and mesh_ip must not be empty");
        }

        return new NodeIdentity(nodeId, meshIp, signingKey, nodeSecretKey, privateKey);
    }

    /// <summary>Writes all four files (identity.json first, signing_public_key last), each atomically.</summary>
    public void Save(NodeIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!Directory.Exists(DataDirectory))
        {
            Directory.CreateDirectory(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        AtomicFile.Write(DataDirectory, IdentityFile, IdentityJson(identity));
        AtomicFile.Write(DataDirectory, PrivateKeyFile, Encoding.ASCII.GetBytes(Convert.ToBase64String(identity.PrivateKey)));
        AtomicFile.Write(DataDirectory, NodeSecretKeyFile, Encoding.UTF8.GetBytes(identity.NodeSecretKey));
        AtomicFile.Write(DataDirectory, SigningKeyFile, Encoding.UTF8.GetBytes(identity.SigningPublicKey));
    }

    /// <summary>Replaces only the private key (after a key rotation).</summary>
    public void SavePrivateKey(ReadOnlySpan<byte> privateKey) =>
        AtomicFile.Write(DataDirectory, PrivateKeyFile, Encoding.ASCII.GetBytes(Convert.ToBase64String(privateKey)));

    /// <summary>The identity.json bytes: two-space indent, keys in protocol order, no trailing newline.</summary>
    internal static byte[] IdentityJson(NodeIdentity identity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = GoJsonEncoder.Instance }))
        {
            writer.WriteStartObject();
            writer.WriteString("node_id", identity.NodeId);
            writer.WriteString("mesh_ip", identity.MeshIp);
            writer.WriteString("signing_public_key", identity.SigningPublicKey);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private string ReadCompanion(string name)
    {
        string path = Path.Combine(DataDirectory, name);
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read: {ex.Message}", ex);
        }
    }

    private static string StringProperty(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";
}
