using System.Runtime.InteropServices;

namespace Plexd.Sodium;

/// <summary>The sole P/Invoke surface to the system libsodium (Debian package libsodium23).</summary>
internal static partial class LibSodium
{
    private const string Library = "libsodium.so.23";

    internal const int Ed25519PublicKeyBytes = 32;
    internal const int Ed25519SecretKeyBytes = 64;
    internal const int Ed25519SignatureBytes = 64;
    internal const int X25519KeyBytes = 32;

    private static readonly int InitResult = sodium_init();

    /// <summary>Initialises libsodium once; throws when the library is unusable.</summary>
    internal static void EnsureInitialised()
    {
        if (InitResult < 0)
        {
            throw new InvalidOperationException("libsodium failed to initialise (sodium_init returned -1)");
        }
    }

    [LibraryImport(Library)]
    private static partial int sodium_init();

    [LibraryImport(Library)]
    internal static unsafe partial int crypto_sign_ed25519_verify_detached(byte* sig, byte* m, ulong mlen, byte* pk);

    [LibraryImport(Library)]
    internal static unsafe partial int crypto_sign_ed25519_detached(byte* sig, ulong* siglen, byte* m, ulong mlen, byte* sk);

    [LibraryImport(Library)]
    internal static unsafe partial int crypto_sign_ed25519_seed_keypair(byte* pk, byte* sk, byte* seed);

    [LibraryImport(Library)]
    internal static unsafe partial int crypto_scalarmult_curve25519_base(byte* q, byte* n);
}
