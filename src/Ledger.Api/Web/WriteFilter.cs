using System.Security.Cryptography;
using System.Text.Json;
using Ledger.Core.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Ledger.Api.Web;

/// <summary>
/// Every write runs in one transaction that also holds its audit rows and, when the client sends an
/// Idempotency-Key, the key and the response. A success commits; an error or exception rolls back, so a
/// refused request leaves the database untouched.
/// </summary>
public static class WriteFilter
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>Marks an endpoint as a write for the OpenAPI document (Idempotency-Key header).</summary>
    public sealed record WriteMarker;

    public static RouteHandlerBuilder AsWrite(this RouteHandlerBuilder builder)
    {
        builder.WithMetadata(new WriteMarker());
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var services = http.RequestServices;
            var request = services.GetRequiredService<RequestContext>();
            var ct = http.RequestAborted;
            var key = http.Request.Headers[IdempotencyHeader].ToString();
            if (http.Request.Headers.ContainsKey(IdempotencyHeader) && (key.Length is 0 or > 200))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [IdempotencyHeader] = ["must be 1 to 200 characters"] });
            }
            await using var session = await WriteSession.BeginAsync(services.GetRequiredService<NpgsqlDataSource>(), request.Actor, services.GetRequiredService<IClock>(), ct);
            request.Session = session;
            if (key.Length > 0)
            {
                var hash = await RequestHashAsync(http, ct);
                var stored = await IdempotencyStore.ClaimAsync(session, key, hash, ct);
                if (stored is not null)
                {
                    return stored.RequestHash == hash
                        ? Results.Content(stored.ResponseBody, "application/json", System.Text.Encoding.UTF8, StatusCodes.Status200OK)
                        : TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
                            detail: $"The {IdempotencyHeader} '{key}' was already used with a different request.");
                }
            }
            var result = await next(context);
            if (HandlerResults.Succeeded(result, out var inner, out var statusCode))
            {
                if (key.Length > 0)
                {
                    var value = (inner as IValueHttpResult)?.Value;
                    var json = JsonSerializer.Serialize(value, services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
                    await IdempotencyStore.CompleteAsync(session, key, statusCode, json, ct);
                }
                await session.CommitAsync(ct);
            }
            return result;
        });
    }

    /// <summary>The same key means the same request only for the same method, path and body bytes.</summary>
    private static async Task<string> RequestHashAsync(HttpContext http, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}\n"));
        if (http.Request.Body.CanSeek)
        {
            http.Request.Body.Position = 0;
            var buffer = new byte[81920];
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
