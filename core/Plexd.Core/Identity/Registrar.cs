using Microsoft.Extensions.Logging;
using Plexd.Core.ControlPlane;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Json;
using Plexd.Sdk.Wire;
using Plexd.Sodium;
using Polly;
using Polly.Retry;

namespace Plexd.Core.Identity;

/// <summary>
/// Loads the node's identity or registers the node (spec 01 §5): a new Curve25519 key pair, POST /v1/register with the
/// bootstrap token, retries for transient failures up to <c>registration.max_retry_duration</c>, identity files
/// written atomically, token file deleted, credentials published.
/// </summary>
public sealed class Registrar(
    IControlPlane controlPlane,
    NodeCredentials credentials,
    IdentityStore store,
    BootstrapTokenResolver tokens,
    Configuration.RegistrationOptions options,
    TimeProvider time,
    ILogger<Registrar> logger)
{
    private static readonly TimeSpan InitialInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(60);

    /// <summary>Returns the stored identity, or registers when there is none (or it is unusable).</summary>
    public async Task<NodeIdentity> LoadOrRegisterAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (store.Load(message => logger.IdentityWarning(message)) is { } existing)
            {
                credentials.Publish(existing.NodeSecretKey);
                logger.IdentityLoaded(existing.NodeId, existing.MeshIp);
                return existing;
            }
        }
        catch (InvalidDataException ex)
        {
            logger.IdentityUnusable(ex.Message);
        }

        return await RegisterAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Registers afresh (new key pair, new identity) with the bootstrap token.</summary>
    /// <exception cref="RegistrationException">No token, an invalid token, a refusal, or retries exhausted.</exception>
    public async Task<NodeIdentity> RegisterAsync(CancellationToken cancellationToken)
    {
        BootstrapToken token;
        try
        {
            token = await tokens.ResolveAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new RegistrationException(tokens.DescribeSources());
        }
        catch (InvalidDataException ex)
        {
            throw new RegistrationException(ex.Message, ex);
        }

        byte[] privateKey = X25519.GeneratePrivateKey();
        var request = new RegisterRequest
        {
            Token = token.Value,
            PublicKey = Convert.ToBase64String(X25519.PublicKeyOf(privateKey)),
            Hostname = Plexd.Sdk.Platform.HostName.ConfiguredOrCurrent(options.Hostname),
            Metadata = options.Metadata.Count > 0 ? options.Metadata : null,
        };

        // The register call alone authenticates with the bootstrap token (the client takes it from the request); the
        // shared credentials change only to the new node key, so no other call ever sends the bootstrap token.
        logger.Registering(request.Hostname, token.Source);
        var response = await RegisterWithRetryAsync(request, cancellationToken).ConfigureAwait(false);

        var identity = new NodeIdentity(response.NodeId, response.MeshIp, response.SigningPublicKey, response.NodeSecretKey, privateKey);
        store.Save(identity);
        if (token.FileToDelete is not null)
        {
            try
            {
                File.Delete(token.FileToDelete);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.TokenFileNotDeleted(token.FileToDelete, ex.Message);
            }
        }

        credentials.Publish(identity.NodeSecretKey);
        logger.Registered(identity.NodeId, identity.MeshIp);
        return identity;
    }

    private async Task<RegisterResponse> RegisterWithRetryAsync(RegisterRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var pipeline = new ResiliencePipelineBuilder<RegisterResponse> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<RegisterResponse>
            {
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is ControlPlaneException { Kind: ControlPlaneErrorKind.Transient or ControlPlaneErrorKind.RateLimited } &&
                    time.GetElapsedTime(started) < options.MaxRetryDuration),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Delay(args.AttemptNumber, args.Outcome.Exception as ControlPlaneException)),
                OnRetry = args =>
                {
                    logger.RegistrationRetry(args.RetryDelay, args.Outcome.Exception?.Message ?? "");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            return await pipeline.ExecuteAsync(async ct => await controlPlane.RegisterAsync(request, ct).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ControlPlaneException ex) when (ex.Kind is ControlPlaneErrorKind.Transient or ControlPlaneErrorKind.RateLimited)
        {
            throw new RegistrationException($"registration failed: retry timeout after {GoDuration.Format(options.MaxRetryDuration)}: {ex.Message}", ex);
        }
        catch (ControlPlaneException ex)
        {
            throw new RegistrationException($"registration refused: {ex.Message}", ex);
        }
    }

    /// <summary>1 s doubling to 60 s with ±25 % jitter; a 429's Retry-After (or the bare interval) without jitter.</summary>
    internal static TimeSpan Delay(int attempt, ControlPlaneException? failure)
    {
        var interval = TimeSpan.FromTicks(Math.Min(MaxInterval.Ticks, InitialInterval.Ticks << Math.Min(attempt, 10)));
        if (failure?.Kind == ControlPlaneErrorKind.RateLimited)
        {
            return failure.RetryAfter ?? interval;
        }

        return interval * (1 + ((Random.Shared.NextDouble() * 0.5) - 0.25));
    }
}

/// <summary>Registration did not succeed; the message says why and what to do.</summary>
public sealed class RegistrationException(string message, Exception? innerException = null) : Exception(message, innerException);
