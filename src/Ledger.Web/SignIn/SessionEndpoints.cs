using Ledger.Core.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Ledger.Web.SignIn;

/// <summary>
/// The session's form posts: the demo sign-in (only with local signing), sign-out and the language switch. Plain
/// endpoints rather than pages: each does one thing and redirects. Form binding makes ASP.NET Core check each
/// post's antiforgery token.
/// </summary>
public static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder app, bool demoSignIn)
    {
        if (demoSignIn)
        {
            app.MapPost("/sesi/masuk", SignInAsync).AllowAnonymous().ExcludeFromDescription();
        }
        app.MapPost("/sesi/keluar", (Delegate)SignOutAsync).ExcludeFromDescription();
        app.MapPost("/sesi/bahasa", SwitchLanguage).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> SignInAsync(HttpContext http, [FromForm(Name = "user")] string? user, [FromForm(Name = "returnUrl")] string? returnUrl)
    {
        if (DemoUsers.Find(user) is not { } demo)
        {
            return Results.LocalRedirect("/masuk?salah=1");
        }
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, demo.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/masuk");
    }

    /// <summary>Remembers the reader's language for a year (it is no secret and names no one).</summary>
    private static IResult SwitchLanguage(HttpContext http, [FromForm(Name = "language")] string? language, [FromForm(Name = "returnUrl")] string? returnUrl)
    {
        var culture = Language.Find(language) ?? Language.Indonesian;
        http.Response.Cookies.Append(WebSetup.LanguageCookie, culture.Name,
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, IsEssential = true });
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    /// <summary>Only a path of this site: an open redirect would let a link send a signed-in officer anywhere.</summary>
    internal static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
