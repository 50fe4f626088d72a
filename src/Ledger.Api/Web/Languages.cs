using Ledger.Core.Text;
using Microsoft.AspNetCore.Localization;

namespace Ledger.Api.Web;

/// <summary>
/// Which language a request is answered in, for the catalogue in <c>Ledger.Core.Text</c>. The staff pages speak
/// Indonesian unless the reader chose English with the page's switch (a cookie, <see cref="Ledger.Web.WebSetup.LanguageCookie"/>): an office PC's browser often asks
/// for English without anyone having chosen it. The API follows Accept-Language and answers English to a client
/// that asks for nothing, as its contract always has.
/// </summary>
public static class Languages
{
    public static IServiceCollection AddLedgerLanguages(this IServiceCollection services) => services.AddLocalization();

    public static IApplicationBuilder UseLedgerLanguages(this IApplicationBuilder app) =>
        app.UseRequestLocalization(options =>
        {
            options.SupportedCultures = [.. Language.All];
            options.SupportedUICultures = [.. Language.All];
            options.DefaultRequestCulture = new RequestCulture(Language.Indonesian);
            options.RequestCultureProviders = [new CustomRequestCultureProvider(context => Task.FromResult(Choose(context)))];
        });

    /// <summary>The language of this request: the API's by Accept-Language (default English), the pages' by the switch (default Indonesian).</summary>
    public static ProviderCultureResult? Choose(HttpContext context)
    {
        var culture = context.Request.Path.StartsWithSegments("/api")
            ? FromAcceptLanguage(context) ?? Language.English
            : Language.Find(context.Request.Cookies[Ledger.Web.WebSetup.LanguageCookie]) ?? Language.Indonesian;
        return new ProviderCultureResult(culture.Name);
    }

    /// <summary>The first supported language in the Accept-Language header, by quality.</summary>
    private static System.Globalization.CultureInfo? FromAcceptLanguage(HttpContext context) =>
        context.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(v => v.Quality ?? 1)
            .Select(v => Language.Find(v.Value.Value))
            .FirstOrDefault(c => c is not null);
}
