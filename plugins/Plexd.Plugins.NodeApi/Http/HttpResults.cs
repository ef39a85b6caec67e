using System.Text;
using Microsoft.AspNetCore.Http;

namespace Plexd.Plugins.NodeApi.Http;

/// <summary>Writes the node API's answers: JSON bodies end in a newline, plain-text router errors as Go's mux writes them.</summary>
internal static class HttpResults
{
    public static Task JsonAsync(HttpContext context, int status, ReadOnlyMemory<byte> json)
    {
        context.Response.StatusCode = status;
        if (json.IsEmpty)
        {
            return Task.CompletedTask;
        }

        context.Response.ContentType = "application/json";
        bool newline = json.Span[^1] != (byte)'\n';
        context.Response.ContentLength = json.Length + (newline ? 1 : 0);
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : WriteAsync(context, json, newline);
    }

    /// <summary>A plugin route's non-JSON body (e.g. OpenMetrics text), written as given.</summary>
    public static Task BodyAsync(HttpContext context, int status, string contentType, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) || body.IsEmpty
            ? Task.CompletedTask
            : context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    public static Task ErrorAsync(HttpContext context, int status, string message) => JsonAsync(context, status, GoJson.Error(message));

    public static Task TextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        byte[] body = Encoding.UTF8.GetBytes(text + "\n");
        context.Response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static async Task WriteAsync(HttpContext context, ReadOnlyMemory<byte> json, bool newline)
    {
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
        if (newline)
        {
            await context.Response.Body.WriteAsync("\n"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
        }
    }
}
