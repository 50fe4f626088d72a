using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Api.Auth;

/// <summary>
/// JWT bearer: an OpenID Connect authority in production (Auth:Authority, Auth:Audience), or local HS256
/// tokens signed with Auth:SigningKey. Without either the API refuses to start: there is no built-in secret.
/// </summary>
public static class AuthSetup
{
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
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = "sub";
            options.TokenValidationParameters.RoleClaimType = "role";
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
}
