using System.Security.Claims;
using System.Text;
using Ledger.Core.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace Ledger.Api.Auth;

/// <summary>HS256 tokens for local use and tests, signed with Auth:SigningKey (issuer ledger-local, audience ledger).</summary>
public static class LocalTokens
{
    public const string Issuer = "ledger-local";
    public const string Audience = "ledger";

    /// <summary>The longest a local token may live: the API refuses one whose exp is further out.</summary>
    public static readonly Duration MaxLifetime = Duration.FromHours(12);

    public static SymmetricSecurityKey Key(string signingKey)
    {
        var bytes = Encoding.UTF8.GetBytes(signingKey);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes long.");
        }
        return new SymmetricSecurityKey(bytes);
    }

    public static string Mint(string signingKey, string sub, IEnumerable<string> roles, IEnumerable<string> facilities, IEnumerable<string> regions, Instant now, Duration lifetime)
    {
        if (lifetime > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"A local token lives at most {MaxLifetime.TotalHours} hours.");
        }
        var claims = new List<Claim> { new("sub", sub) };
        claims.AddRange(roles.Select(r => new Claim("role", r)));
        claims.AddRange(facilities.Select(f => new Claim("facility", f)));
        claims.AddRange(regions.Select(r => new Claim("region", r)));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.ToDateTimeUtc(),
            NotBefore = now.ToDateTimeUtc(),
            Expires = (now + lifetime).ToDateTimeUtc(),
            SigningCredentials = new SigningCredentials(Key(signingKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>
    /// <c>token --sub ani --role finance --facility lapas-cirebon [--region jawa-barat] [--hours 12]</c>:
    /// prints one token (at most 12 hours). Roles and facilities may repeat.
    /// </summary>
    public static int RunCommand(string[] args, string? signingKey, IClock clock, TextWriter output, TextWriter error)
    {
        if (string.IsNullOrEmpty(signingKey))
        {
            error.WriteLine("token: Auth__SigningKey is not set; local tokens are signed with it.");
            return 2;
        }
        string? sub = null;
        var roles = new List<string>();
        var facilities = new List<string>();
        var regions = new List<string>();
        var hours = 12;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null)
            {
                error.WriteLine($"token: {args[i]} needs a value");
                return 2;
            }
            switch (args[i])
            {
                case "--sub": sub = value; break;
                case "--role": roles.Add(value); break;
                case "--facility": facilities.Add(value); break;
                case "--region": regions.Add(value); break;
                case "--hours" when int.TryParse(value, out var h) && h > 0 && h <= MaxLifetime.TotalHours: hours = h; break;
                case "--hours":
                    error.WriteLine($"token: --hours must be a whole number from 1 to {MaxLifetime.TotalHours} (local tokens live at most {MaxLifetime.TotalHours} hours)");
                    return 2;
                default:
                    error.WriteLine($"token: unknown or invalid option {args[i]} {value}");
                    return 2;
            }
            i++;
        }
        var unknown = roles.Where(r => !Permissions.Roles.Contains(r)).ToList();
        if (string.IsNullOrWhiteSpace(sub) || roles.Count == 0 || unknown.Count > 0)
        {
            error.WriteLine($"usage: token --sub USER --role ROLE [--role ROLE] [--facility CODE]... [--region CODE] [--hours N, at most {MaxLifetime.TotalHours}]");
            error.WriteLine($"roles: {string.Join(", ", Permissions.Roles)}" + (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}" : ""));
            return 2;
        }
        output.WriteLine(Mint(signingKey, sub, roles, facilities, regions, clock.GetCurrentInstant(), Duration.FromHours(hours)));
        return 0;
    }
}
