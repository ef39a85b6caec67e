using Microsoft.Extensions.Logging;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Status;
using Plexd.Plugins.Actions.Hooks;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.Actions.Integrity;

/// <summary>
/// Compares files with their trusted checksum and reports every mismatch to the control plane
/// (<c>POST …/integrity/violations</c>, one attempt). The binary's baseline is trusted on first use and moves only
/// through a verified upgrade; a mismatch is reported on every verification until then.
/// </summary>
internal sealed class IntegrityVerifier(
    ChecksumStore store,
    IntegrityOptions options,
    IControlPlane controlPlane,
    IAgentStatus agent,
    TimeProvider time,
    ILogger<IntegrityVerifier> logger)
{
    private string _binaryChecksum = "";

    /// <summary>The binary being verified: <c>integrity.binary_path</c>, else the running executable with symlinks resolved.</summary>
    public string BinaryPath { get; } = options.BinaryPath.Length > 0 ? options.BinaryPath : ResolveExecutable();

    /// <summary>The binary's checksum at the last verification (empty before the first).</summary>
    public string BinaryChecksum => Volatile.Read(ref _binaryChecksum);

    public ChecksumStore Store => store;

    /// <summary>Hashes the binary, establishes the baseline the first time, reports a mismatch. Returns true when it matches.</summary>
    /// <exception cref="IntegrityException">The binary cannot be hashed.</exception>
    public async Task<bool> VerifyBinaryAsync(CancellationToken cancellationToken)
    {
        string actual = FileHash.Of(BinaryPath);
        Volatile.Write(ref _binaryChecksum, actual);
        return await CheckAgainstBaselineAsync("binary", BinaryPath, actual, "binary checksum mismatch", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes <paramref name="checksum"/> as the hook's trusted baseline (first sight, or <c>hooks reload</c>).</summary>
    public void TrustHook(string path, string checksum, bool firstSight)
    {
        if (store.Get(path) == checksum)
        {
            return;
        }

        store.Set(path, checksum);
        if (firstSight)
        {
            logger.BaselineEstablished(path);
        }
    }

    /// <summary>Reports that a known hook's content changed from <paramref name="previous"/> to <paramref name="actual"/>.</summary>
    public Task ReportHookChangedAsync(string path, string previous, string actual, CancellationToken cancellationToken) =>
        ReportAsync("hook", path, previous, actual, "hook changed", cancellationToken);

    /// <summary>
    /// Verifies a hook right before it runs against <paramref name="expected"/>; a mismatch is reported and the run refused.
    /// </summary>
    /// <exception cref="HookRefusedException">Missing expected checksum, unreadable file, or a mismatch.</exception>
    public async Task VerifyBeforeRunAsync(string path, string expected, CancellationToken cancellationToken)
    {
        if (expected.Length == 0)
        {
            throw new HookRefusedException("integrity: expected checksum is required");
        }

        string actual;
        try
        {
            actual = FileHash.Of(path);
        }
        catch (IntegrityException ex)
        {
            throw new HookRefusedException(ex.Message, ex);
        }

        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            await ReportAsync("hook", path, expected, actual, "hook checksum mismatch", cancellationToken).ConfigureAwait(false);
            throw new HookRefusedException($"hook checksum mismatch for {path}");
        }

        logger.Verified(path);
    }

    /// <summary>Trusts <paramref name="checksum"/> for <paramref name="path"/> from now on (reload, verified upgrade).</summary>
    public void Trust(string path, string checksum)
    {
        store.Set(path, checksum);
        if (path == BinaryPath)
        {
            Volatile.Write(ref _binaryChecksum, checksum);
        }
    }

    private async Task<bool> CheckAgainstBaselineAsync(string type, string path, string actual, string detail, CancellationToken cancellationToken)
    {
        string? baseline = store.Get(path);
        if (baseline is null)
        {
            store.Set(path, actual);
            logger.BaselineEstablished(path);
            return true;
        }

        if (baseline == actual)
        {
            logger.Verified(path);
            return true;
        }

        await ReportAsync(type, path, baseline, actual, detail, cancellationToken).ConfigureAwait(false);
        return false;
    }

    private async Task ReportAsync(string type, string path, string expected, string actual, string detail, CancellationToken cancellationToken)
    {
        logger.Violation(type, path, expected, actual, detail);
        var report = new IntegrityViolationReport
        {
            Type = type,
            Path = path,
            ExpectedChecksum = expected,
            ActualChecksum = actual,
            Detail = detail,
            Timestamp = time.GetUtcNow(),
        };
        try
        {
            await controlPlane.ReportIntegrityViolationAsync(agent.NodeId, report, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.ViolationReportFailed(type, path, ex);
        }
    }

    private static string ResolveExecutable()
    {
        string path = Environment.ProcessPath ?? "";
        return path.Length > 0 && File.ResolveLinkTarget(path, returnFinalTarget: true) is { } target ? target.FullName : path;
    }
}
