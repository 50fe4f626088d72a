using System.Security.Claims;
using Ledger.Core.Authorization;

namespace Ledger.Web.SignIn;

/// <summary>A user the demo sign-in page offers: invented names, the roles and places of the demo's data.</summary>
public sealed record DemoUser(string Sub, string Name, string Role, IReadOnlyList<string> Facilities, IReadOnlyList<string> Regions)
{
    /// <summary>The session's identity: the same claims an API token carries (<see cref="CallerClaims"/>).</summary>
    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim> { new(CallerClaims.Sub, Sub), new(CallerClaims.Name, Name), new(CallerClaims.Role, Role) };
        claims.AddRange(Facilities.Select(f => new Claim(CallerClaims.Facility, f)));
        claims.AddRange(Regions.Select(r => new Claim(CallerClaims.Region, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, CallerClaims.Name, CallerClaims.Role));
    }
}

/// <summary>
/// The demo's users, one or two per role, for the sign-in page that exists only with local signing (run.sh, tests).
/// Two finance users, so a run computed by one can be approved by the other (four eyes); a Bimker officer of
/// Gintung, to see that a Cirebon person does not exist for them.
/// </summary>
public static class DemoUsers
{
    public static readonly IReadOnlyList<DemoUser> All =
    [
        new("bimker-cirebon", "Dedi Nugroho", "bimker", ["lapas-cirebon"], []),
        new("finance-cirebon", "Sri Wahyuni", "finance", ["lapas-cirebon"], []),
        new("finance2-cirebon", "Agus Prasetyo", "finance", ["lapas-cirebon"], []),
        new("wali-cirebon", "Rina Marlina", "reintegration", ["lapas-cirebon"], []),
        new("auditor-cirebon", "Hendra Wibowo", "auditor", ["lapas-cirebon"], []),
        new("bimker-gintung", "Yanti Rahayu", "bimker", ["lapas-gintung"], []),
        new("kanwil-jabar", "Bambang Sutrisno", "kanwil", [], ["jawa-barat"]),
        new("admin-jabar", "Wawan Sutrisna", "admin", ["lapas-cirebon"], ["jawa-barat"]),
    ];

    public static DemoUser? Find(string? sub) => All.FirstOrDefault(u => u.Sub == sub);
}
