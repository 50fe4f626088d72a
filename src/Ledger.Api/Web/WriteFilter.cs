using System.Security.Cryptography;
using Ledger.Core.Pipeline;

namespace Ledger.Api.Web;

/// <summary>
/// How an endpoint declares itself a write, and what the API gathers for one: the Idempotency-Key header and the
/// fingerprint of the request. The transaction, its audit rows and the key are the Core pipeline's
/// (<see cref="LedgerPipeline.WriteAsync{T}"/>).
/// </summary>
public static class WriteFilter
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>Marks an endpoint as a write: the pipeline runs it in a write session; OpenAPI lists the Idempotency-Key header.</summary>
    public sealed record WriteMarker;

    /// <summary>A write; its RequireAccess or RequireRole runs it through the pipeline.</summary>
    public static RouteHandlerBuilder AsWrite(this RouteHandlerBuilder builder) => builder.WithMetadata(new WriteMarker());

    /// <summary>The request's Idempotency-Key and its fingerprint; null without the header (an empty one is the pipeline's to refuse).</summary>
    public static async Task<Idempotency?> IdempotencyOf(HttpContext http, CancellationToken ct)
    {
        if (!http.Request.Headers.TryGetValue(IdempotencyHeader, out var header))
        {
            return null;
        }
        var key = header.ToString();
        return new Idempotency(key, key.Length is 0 or > LedgerPipeline.MaxKeyLength ? "" : await RequestHashAsync(http, ct));
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
