using Microsoft.AspNetCore.Authentication.JwtBearer;
using Ledger.Web;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Api.Auth;

/// <summary>
/// JWT bearer: an OpenID Connect authority in production (Auth:Authority, Auth:Audience), or local HS256
/// tokens signed with Auth:SigningKey. Without either the API refuses to start: there is no built-in secret.
/// </summary>
public static class AuthSetup
{
    /// <summary>How far apart the issuer's clock and ours may be when a token's nbf and exp are checked.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    private const string PerPath = "ledger";

    public static void AddLedgerAuth(this WebApplicationBuilder builder)
    {
        var authority = builder.Configuration["Auth:Authority"];
        var audience = builder.Configuration["Auth:Audience"];
        var signingKey = builder.Configuration["Auth:SigningKey"];
        if (string.IsNullOrEmpty(authority) && string.IsNullOrEmpty(signingKey))
        {
            throw new InvalidOperationException(
                "No token issuer is configured. Set Auth__Authority and Auth__Audience (OpenID Connect) for production, " +
                "or Auth__SigningKey (at least 32 characters) for local HS256 tokens. run.sh and test.sh set one for you.");
        }
        // One process, two doors: /api takes bearer tokens, the staff pages a session cookie (Ledger.Web.WebSetup).
        var authentication = builder.Services.AddAuthentication(PerPath)
            .AddPolicyScheme(PerPath, "Bearer for /api, the session cookie for pages", options =>
                options.ForwardDefaultSelector = context => context.Request.Path.StartsWithSegments("/api")
                    ? JwtBearerDefaults.AuthenticationScheme
                    : Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme);
        authentication.AddLedgerPageSessions(builder.Configuration);
        authentication.AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = "sub";
            options.TokenValidationParameters.RoleClaimType = "role";
            options.TokenValidationParameters.ClockSkew = ClockSkew;
            var local = string.IsNullOrEmpty(authority);
            options.Events = new JwtBearerEvents { OnTokenValidated = context => CheckIdentity(context, local) };
            if (!string.IsNullOrEmpty(authority))
            {
                options.Authority = authority;
                options.Audience = audience;
            }
            else
            {
                options.TokenValidationParameters.ValidIssuer = LocalTokens.Issuer;
                options.TokenValidationParameters.ValidAudience = LocalTokens.Audience;
                options.TokenValidationParameters.IssuerSigningKey = LocalTokens.Key(signingKey!);
                options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }
        });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }

    /// <summary>
    /// What the signature and the times do not cover: the token names its user (every write, audit row and
    /// idempotency key belongs to that <c>sub</c>), and a local token expires within <see cref="LocalTokens.MaxLifetime"/>.
    /// </summary>
    private static Task CheckIdentity(TokenValidatedContext context, bool local)
    {
        if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst("sub")?.Value))
        {
            context.Fail("The token has no sub claim naming its user.");
        }
        else if (local && context.SecurityToken.ValidTo > context.Options.TimeProvider!.GetUtcNow().UtcDateTime + LocalTokens.MaxLifetime.ToTimeSpan() + ClockSkew)
        {
            context.Fail($"A local token lives at most {LocalTokens.MaxLifetime.TotalHours} hours.");
        }
        return Task.CompletedTask;
    }
}
