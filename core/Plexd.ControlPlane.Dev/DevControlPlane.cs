using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plexd.Sdk.Json;
using Plexd.Sdk.Wire;

namespace Plexd.ControlPlane.Dev;

/// <summary>
/// A development control plane: every endpoint of the protocol, state in memory, Ed25519-signed events, and an admin
/// API under <c>/admin</c>. Not for production: no persistence, no admin authentication.
/// </summary>
public sealed class DevControlPlane : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DevControlPlane(WebApplication app, DevState state)
    {
        _app = app;
        State = state;
    }

    /// <summary>The state (tokens, nodes, recorded requests); tests drive it directly.</summary>
    public DevState State { get; }

    /// <summary>The bound base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Starts listening on <paramref name="url"/> (port 0 picks a free one).</summary>
    public static async Task<DevControlPlane> StartAsync(string url = "http://127.0.0.1:0", TimeProvider? time = null, TimeSpan? keepAlive = null, ILoggerProvider? logging = null)
    {
        time ??= TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is not null)
        {
            builder.Logging.AddProvider(logging);
        }

        builder.WebHost.UseUrls(url);
        builder.Services.AddSingleton(time);
        var app = builder.Build();
        var state = new DevState(new EventSigner(time), time);
        var plane = new DevControlPlane(app, state);
        app.Use(async (context, next) =>
        {
            await Record(state, context).ConfigureAwait(false);
            if (state.MatchFault(context.Request.Path.Value ?? "") is { } fault)
            {
                context.Response.StatusCode = fault.Status;
                if (fault.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await context.Response.WriteAsync(fault.Body).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        ProtocolEndpoints.Map(app, state, keepAlive ?? TimeSpan.FromSeconds(15), time);
        AdminEndpoints.Map(app, state);
        await app.StartAsync().ConfigureAwait(false);
        plane.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return plane;
    }

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task Record(DevState state, HttpContext context)
    {
        context.Request.EnableBuffering();
        using var raw = new MemoryStream();
        await context.Request.Body.CopyToAsync(raw).ConfigureAwait(false);
        context.Request.Body.Position = 0;
        byte[] rawBytes = raw.ToArray();
        byte[] body = rawBytes;
        if (string.Equals(context.Request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            using var gzip = new GZipStream(new MemoryStream(rawBytes), CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            await gzip.CopyToAsync(inflated).ConfigureAwait(false);
            body = inflated.ToArray();
            context.Request.Body = new MemoryStream(body);
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        lock (state.Requests)
        {
            state.Requests.Add(new RecordedRequest(context.Request.Method, target, headers, rawBytes, body));
        }
    }

    internal static async Task<T?> ReadWireAsync<T>(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        return WireJson.Deserialize<T>(buffer.ToArray());
    }

    internal static Task WriteWireAsync<T>(HttpResponse response, T value)
    {
        response.ContentType = "application/json";
        return response.Body.WriteAsync(WireJson.Serialize(value)).AsTask();
    }

    internal static async Task<JsonElement> ReadJsonAsync(HttpRequest request)
    {
        using var document = await JsonDocument.ParseAsync(request.Body).ConfigureAwait(false);
        return document.RootElement.Clone();
    }

    internal static async Task<string> ReadTextAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    internal static string Format(DateTimeOffset value) => GoTime.Format(value);
}
