using Ledger.Web.ImportPages;
using Ledger.Web.Shell;
using Ledger.Web.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web;

/// <summary>
/// How the API's process hosts the staff pages: Razor components rendered on the server, a cookie session (from
/// OpenID Connect in production, from the demo sign-in page with local signing), antiforgery on every form.
/// </summary>
public static class WebSetup
{
    /// <summary>The cookie the language switch writes (read by the request-localization of the host).</summary>
    public const string LanguageCookie = "ledger-lang";

    public const string SessionCookie = "ledger-session";

    /// <summary>The idle time after which a signed-in officer must sign in again (sliding).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public static IServiceCollection AddLedgerWeb(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddScoped<PageCall>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ledger-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Lax;
        });
        return services;
    }

    /// <summary>
    /// The pages' session: a cookie (HttpOnly, SameSite=Lax, sliding <see cref="IdleTimeout"/>, Secure whenever the
    /// request is). With an OpenID Connect authority and client id configured, signing in goes to the authority and
    /// its claims (<c>role</c>, <c>facility</c>, <c>region</c>) fill the cookie; otherwise the demo sign-in page does.
    /// </summary>
    public static AuthenticationBuilder AddLedgerPageSessions(this AuthenticationBuilder auth, IConfiguration config)
    {
        var authority = config["Auth:Authority"];
        var clientId = config["Auth:ClientId"];
        var oidc = !string.IsNullOrEmpty(authority) && !string.IsNullOrEmpty(clientId);
        auth.AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
        {
            o.Cookie.Name = SessionCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = oidc ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/masuk";
            o.AccessDeniedPath = "/";
            o.ReturnUrlParameter = "returnUrl";
            if (oidc)
            {
                o.ForwardChallenge = OpenIdConnectDefaults.AuthenticationScheme;
            }
        });
        if (oidc)
        {
            auth.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, o =>
            {
                o.Authority = authority;
                o.ClientId = clientId;
                o.ClientSecret = config["Auth:ClientSecret"];
                o.ResponseType = "code";
                o.UsePkce = true;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.SaveTokens = false;
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.TokenValidationParameters.NameClaimType = Core.Authorization.CallerClaims.Name;
                o.TokenValidationParameters.RoleClaimType = Core.Authorization.CallerClaims.Role;
                // The roles and places the pipeline needs, kept from the ID token and user info into the cookie.
                foreach (var claim in new[] { Core.Authorization.CallerClaims.Role, Core.Authorization.CallerClaims.Facility, Core.Authorization.CallerClaims.Region })
                {
                    o.ClaimActions.MapJsonKey(claim, claim);
                }
            });
        }
        return auth;
    }

    /// <summary>
    /// The host's status-code pages: a page address that matches nothing gets the pages' "not found"; everything else
    /// (the API under /api above all) keeps ASP.NET Core's default answer, problem details. Not a fallback endpoint:
    /// one would stand among the API's candidates and turn its 405 and 415 answers into 404.
    /// </summary>
    public static IApplicationBuilder UseLedgerStatusCodePages(this IApplicationBuilder app)
    {
        var problemDetails = new StatusCodePagesOptions().HandleAsync;
        return app.UseStatusCodePages(context =>
            context.HttpContext.Response.StatusCode == StatusCodes.Status404NotFound
            && HttpMethods.IsGet(context.HttpContext.Request.Method)
            && !context.HttpContext.Request.Path.StartsWithSegments("/api")
                ? new RazorComponentResult<NotFoundPage> { StatusCode = StatusCodes.Status404NotFound }.ExecuteAsync(context.HttpContext)
                : problemDetails(context));
    }

    /// <summary>Whether the demo sign-in page exists: only with local signing and no OpenID Connect client.</summary>
    public static bool DemoSignIn(IConfiguration config) =>
        !string.IsNullOrEmpty(config["Auth:SigningKey"]) && string.IsNullOrEmpty(config["Auth:ClientId"]);

    /// <summary>The pages at "/" and the session's form posts.</summary>
    public static void MapLedgerWeb(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        app.MapSessionEndpoints(DemoSignIn(app.Configuration));
        app.MapImportTemplate();
        RegistryImport.RegistryTemplateEndpoint.MapRegistryTemplate(app);
        PaymentList.PaymentListEndpoint.MapPaymentList(app);
        ReadinessPages.ReleaseFileEndpoints.MapReleaseFile(app);
        Kanwil.DashboardExport.MapDashboardExport(app);
        Releases.WorklistExport.MapWorklistExport(app);
        WorkPages.WorkTemplateEndpoint.MapWorkImportTemplate(app);

    }
}
