using System.Security.Claims;

namespace Ledger.Core.Authorization;

/// <summary>
/// The claims that make a <see cref="Caller"/>, the same for an API token and a staff page's session cookie:
/// <c>sub</c> (the user), <c>role</c>, <c>facility</c> and <c>region</c> (each may repeat), and <c>name</c> for display.
/// </summary>
public static class CallerClaims
{
    public const string Sub = "sub";
    public const string Role = "role";
    public const string Facility = "facility";
    public const string Region = "region";
    public const string Name = "name";

    /// <summary>The caller the claims describe; null when they name no user (an anonymous request).</summary>
    public static Caller? From(ClaimsPrincipal user, string requestId) =>
        user.FindFirst(Sub)?.Value is { Length: > 0 } sub
            ? new Caller(sub,
                user.FindAll(Role).Select(c => c.Value).Distinct().ToList(),
                user.FindAll(Facility).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
                user.FindAll(Region).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
                requestId)
            : null;
}
