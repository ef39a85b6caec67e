using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Plexd.Plugins.NodeApi.Access;
using Plexd.Plugins.NodeApi.State;
using Plexd.Sdk.ControlPlane;
using Plexd.Sdk.Json;
using Plexd.Sdk.Keys;
using Plexd.Sdk.Status;
using Plexd.Sdk.Wire;

namespace Plexd.Plugins.NodeApi.Http;

/// <summary>The 11 state routes of spec 04 §3.2 with their exact status codes and bodies.</summary>
internal sealed class StateRoutes(StateCache cache, ReportSyncer syncer, IControlPlane controlPlane, IAgentStatus agent, INodeSecretKey secretKey, ILogger<StateRoutes> log)
{
    private const int MaxReportBody = 1 << 20;

    public void MapTo(Router router)
    {
        router.Add("GET", "/v1/state", (c, _) => Summary(c));
        router.Add("GET", "/v1/state/metadata", (c, _) => HttpResults.JsonAsync(c, 200, GoJson.Build(w => GoJson.WriteMap(w, cache.Metadata))));
        router.Add("GET", "/v1/state/metadata/{key}", (c, v) => MetadataValue(c, v["key"]));
        router.Add("GET", "/v1/state/data", (c, _) => HttpResults.JsonAsync(c, 200, GoJson.Build(w => WriteDataKeys(w, cache.Data))));
        router.Add("GET", "/v1/state/data/{key}", (c, v) => Entry(c, cache.GetData(v["key"])));
        router.Add("GET", "/v1/state/secrets", (c, _) => HttpResults.JsonAsync(c, 200, GoJson.Build(w => WriteVersions(w, cache.SecretRefs.Select(s => (s.Key, s.Version))))));
        router.Add("GET", "/v1/state/secrets/{key}", (c, v) => SecretValue(c, v["key"]));
        router.Add("GET", "/v1/state/report", (c, _) => HttpResults.JsonAsync(c, 200, GoJson.Build(w => WriteVersions(w, cache.Reports.Select(r => (r.Key, r.Version))))));
        router.Add("GET", "/v1/state/report/{key}", (c, v) => StateKeys.IsSafe(v["key"]) ? Entry(c, cache.GetReport(v["key"])) : InvalidKey(c));
        router.Add("PUT", "/v1/state/report/{key}", (c, v) => PutReport(c, v["key"]));
        router.Add("DELETE", "/v1/state/report/{key}", (c, v) => DeleteReport(c, v["key"]));
    }

    private Task Summary(HttpContext context) => HttpResults.JsonAsync(context, 200, GoJson.Build(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("metadata");
        GoJson.WriteMap(w, cache.Metadata);
        w.WritePropertyName("data_keys");
        WriteDataKeys(w, cache.Data);
        w.WritePropertyName("secret_keys");
        WriteVersions(w, cache.SecretRefs.Select(s => (s.Key, s.Version)));
        w.WritePropertyName("report_keys");
        WriteVersions(w, cache.Reports.Select(r => (r.Key, r.Version)));
        w.WriteEndObject();
    }));

    private Task MetadataValue(HttpContext context, string key) =>
        cache.Metadata is { } metadata && metadata.TryGetValue(key, out string? value)
            ? HttpResults.JsonAsync(context, 200, GoJson.Build(w =>
            {
                w.WriteStartObject();
                w.WriteString("key", key);
                w.WriteString("value", value);
                w.WriteEndObject();
            }))
            : NotFound(context);

    private static Task Entry(HttpContext context, DataEntry? entry) =>
        entry is null ? NotFound(context) : HttpResults.JsonAsync(context, 200, WireJson.Serialize(entry));

    private async Task SecretValue(HttpContext context, string key)
    {
        SecretResponse secret;
        try
        {
            secret = await controlPlane.FetchSecretAsync(agent.NodeId, key, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ControlPlaneException ex) when (ex.StatusCode == 404)
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            log.SecretFetchFailed(key, ex.Message);
            await HttpResults.ErrorAsync(context, 503, "control plane unavailable").ConfigureAwait(false);
            return;
        }

        byte[]? plaintext = SecretDecryptor.TryDecrypt(secretKey.KeyBytes.Span, secret.Ciphertext, secret.Nonce);
        if (plaintext is null)
        {
            log.SecretDecryptFailed(key);
            await HttpResults.ErrorAsync(context, 500, "internal error").ConfigureAwait(false);
            return;
        }

        string value = new System.Text.UTF8Encoding(false, false).GetString(plaintext);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
        context.Response.Headers.CacheControl = "no-store";
        await HttpResults.JsonAsync(context, 200, GoJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("key", secret.Key);
            w.WriteString("value", value);
            w.WriteNumber("version", secret.Version);
            w.WriteEndObject();
        })).ConfigureAwait(false);
    }

    private async Task PutReport(HttpContext context, string key)
    {
        if (!StateKeys.IsSafe(key))
        {
            await InvalidKey(context).ConfigureAwait(false);
            return;
        }

        byte[]? body = await RequestBody.ReadAsync(context.Request, MaxReportBody, context.RequestAborted).ConfigureAwait(false);
        ReportWrite? write = body is null ? null : ReportWrite.TryParse(body);
        string? problem = write switch
        {
            null => "invalid JSON body",
            { ContentType: null or "" } => "content_type is required",
            { Payload: null } => "payload must be valid JSON",
            _ => null,
        };
        long? ifMatch = null;
        if (problem is null && !TryParseIfMatch(context.Request.Headers.IfMatch.ToString(), out ifMatch))
        {
            problem = "If-Match must be an integer";
        }

        if (problem is not null)
        {
            await HttpResults.ErrorAsync(context, 400, problem).ConfigureAwait(false);
            return;
        }

        var entry = cache.PutReport(key, write!.ContentType!, write.Payload!.Value, ifMatch);
        if (entry is null)
        {
            await HttpResults.ErrorAsync(context, 409, "version conflict").ConfigureAwait(false);
            return;
        }

        syncer.EntryWritten(entry);
        await HttpResults.JsonAsync(context, 200, WireJson.Serialize(entry)).ConfigureAwait(false);
    }

    private Task DeleteReport(HttpContext context, string key)
    {
        if (!StateKeys.IsSafe(key))
        {
            return InvalidKey(context);
        }

        if (!cache.DeleteReport(key))
        {
            return NotFound(context);
        }

        syncer.EntryDeleted(key);
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    /// <summary>A plain base-10 integer with an optional sign, as Go's strconv.ParseInt; empty means absent.</summary>
    private static bool TryParseIfMatch(string header, out long? value)
    {
        value = null;
        if (header.Length == 0)
        {
            return true;
        }

        if (long.TryParse(header, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static void WriteDataKeys(Utf8JsonWriter writer, IReadOnlyList<DataEntry> entries)
    {
        writer.WriteStartArray();
        foreach (var entry in entries)
        {
            writer.WriteStartObject();
            writer.WriteString("key", entry.Key);
            writer.WriteNumber("version", entry.Version);
            writer.WriteString("content_type", entry.ContentType);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteVersions(Utf8JsonWriter writer, IEnumerable<(string Key, long Version)> items)
    {
        writer.WriteStartArray();
        foreach (var (key, version) in items)
        {
            writer.WriteStartObject();
            writer.WriteString("key", key);
            writer.WriteNumber("version", version);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static Task NotFound(HttpContext context) => HttpResults.ErrorAsync(context, 404, "not found");

    private static Task InvalidKey(HttpContext context) => HttpResults.ErrorAsync(context, 400, "invalid report key");

    /// <summary>The PUT body: <c>{"content_type": string, "payload": any}</c>; unknown fields and trailing bytes ignored.</summary>
    private sealed record ReportWrite(string? ContentType, RawJson? Payload)
    {
        public static ReportWrite? TryParse(byte[] body)
        {
            try
            {
                var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
                using var document = JsonDocument.ParseValue(ref reader);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return document.RootElement.ValueKind == JsonValueKind.Null ? new ReportWrite(null, null) : null;
                }

                string? contentType = null;
                RawJson? payload = null;
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    // Go matches field names case-insensitively; the last occurrence wins.
                    if (string.Equals(property.Name, "content_type", StringComparison.OrdinalIgnoreCase))
                    {
                        if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                        {
                            return null;
                        }

                        contentType = property.Value.GetString();
                    }
                    else if (string.Equals(property.Name, "payload", StringComparison.OrdinalIgnoreCase))
                    {
                        payload = RawJson.Parse(System.Text.Encoding.UTF8.GetBytes(property.Value.GetRawText()));
                    }
                }

                return new ReportWrite(contentType, payload);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
