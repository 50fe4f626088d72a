using Microsoft.Net.Http.Headers;

namespace Ledger.Api.Web;

/// <summary>
/// Headers on every response, errors included (they are set when the response starts, after the exception
/// handler and the status-code pages have had their say): <c>X-Content-Type-Options: nosniff</c> everywhere;
/// under <c>/api</c>, where answers name people and their money, <c>Cache-Control: no-store</c> and a
/// Content-Security-Policy that loads nothing (an endpoint that serves HTML declares its own with
/// <see cref="WithContentSecurityPolicy"/>); on every HTML page elsewhere (the staff pages, their 404 and 403),
/// <see cref="PagePolicy"/>, no framing, no referrer leaving the site and <c>no-store</c>: the pages name people.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy of every API answer: JSON and CSV need nothing, and no one may frame them.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The policy of the staff pages: their own stylesheet and blazor.web.js (enhanced navigation fetches the next
    /// page from the same origin), the empty <c>data:</c> favicon, forms posting only here; no inline script or
    /// style, nothing from elsewhere, no framing.
    /// </summary>
    public const string PagePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>An endpoint's own Content-Security-Policy, replacing <see cref="ApiPolicy"/> on its answers.</summary>
    public sealed record ContentSecurityPolicy(string Policy);

    public static RouteHandlerBuilder WithContentSecurityPolicy(this RouteHandlerBuilder builder, string policy) =>
        builder.WithMetadata(new ContentSecurityPolicy(policy));

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context);
                return Task.CompletedTask;
            });
            return next(context);
        });

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            ApplyToPage(context);
            return;
        }
        // Every API answer may name a person (even a 404 or 409 can echo a registration number): none is stored.
        headers.CacheControl = "no-store";
        headers.Remove(HeaderNames.Pragma);
        headers.Remove(HeaderNames.Expires);
        // After an exception the endpoint is gone and the problem gets the API's policy.
        headers.ContentSecurityPolicy = context.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicy>()?.Policy ?? ApiPolicy;
    }

    /// <summary>
    /// A staff page (any HTML answer outside /api, but the API's docs page, which loads Scalar's inline script and names
    /// no one). Stylesheets and scripts keep their caching: they name no one.
    /// </summary>
    private static void ApplyToPage(HttpContext context)
    {
        var headers = context.Response.Headers;
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) != true
            || context.Request.Path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        headers.ContentSecurityPolicy = PagePolicy;
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
        headers.Remove(HeaderNames.Pragma);
        headers.Remove(HeaderNames.Expires);
    }
}
