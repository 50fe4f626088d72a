using Ledger.Core.Facilities;
using Ledger.Core.Storage;

namespace Ledger.Core.Authorization;

/// <summary>The areas of api.md's "Who may do what" table.</summary>
public enum Area
{
    Facilities,
    Inmates,
    Skills,
    Premi,
    PremiBalances,
    Readiness,
    Reports,
    Audit,
}

public enum Access
{
    Read,
    Write,
}

/// <summary>Details of a person's file that only the roles who need them may see.</summary>
public enum Detail
{
    /// <summary>What a register-F (discipline) entry says happened; the other roles see its date.</summary>
    DisciplineDescriptions,
}

/// <summary>
/// Who calls: the user, their roles, the facilities they work in and the regions they cover (what a token claims, or
/// a staff login), and the request, for the audit log.
/// </summary>
public sealed record Caller(string UserSub, IReadOnlyList<string> Roles, IReadOnlySet<string> Facilities, IReadOnlySet<string> Regions, string RequestId)
{
    /// <summary>The caller as a write and the audit log record them.</summary>
    public Actor Actor => new(UserSub, Roles, RequestId);
}

/// <summary>The answer for an action in a facility, in the order of api.md's security rules.</summary>
public enum Decision
{
    /// <summary>No role of the caller reaches the facility: 404, exactly as if the subject did not exist.</summary>
    NotReached,

    /// <summary>Some role reaches the facility but none of those may take the action there: 403.</summary>
    Forbidden,

    Allowed,
}

/// <summary>
/// api.md's role matrix, as data: which role may read or write which area, and where each role reaches. Scopes are
/// per role, never pooled: a role acts in a facility only if that role reaches it. Every role reaches the facilities
/// named in the <c>facility</c> claims; <c>kanwil</c> (to read) and <c>admin</c> reach every facility of the regions
/// named in the <c>region</c> claims.
/// </summary>
public static class Permissions
{
    public static readonly IReadOnlyList<string> Roles = ["admin", "bimker", "finance", "reintegration", "kanwil", "auditor"];

    private static readonly Dictionary<Area, Dictionary<string, Access>> Matrix = new()
    {
        [Area.Facilities] = Row(write: "admin", read: ["bimker", "finance", "reintegration", "kanwil", "auditor"]),
        [Area.Inmates] = Row(write: "admin", read: ["bimker", "finance", "reintegration", "kanwil"]),
        [Area.Skills] = Row(write: "bimker", read: ["admin", "finance", "reintegration", "kanwil"]),
        [Area.Premi] = Row(write: "finance", read: ["admin", "bimker", "reintegration", "kanwil"]),
        [Area.PremiBalances] = Row(write: null, read: ["admin", "bimker", "finance", "reintegration", "kanwil"]),
        [Area.Readiness] = Row(write: "reintegration", read: ["admin", "bimker", "finance", "kanwil"]),
        [Area.Reports] = Row(write: null, read: ["admin", "bimker", "finance", "reintegration", "kanwil", "auditor"]),
        [Area.Audit] = Row(write: null, read: ["auditor"]),
    };

    /// <summary>The roles a region claim extends, and how far: kanwil reads the region, admin administers it.</summary>
    private static readonly Dictionary<string, Access> RegionReach = new(StringComparer.Ordinal)
    {
        ["kanwil"] = Access.Read,
        ["admin"] = Access.Write,
    };

    /// <summary>Need to know: the roles that see each detail (the roles that prepare a release, and admin).</summary>
    private static readonly Dictionary<Detail, string[]> NeedToKnow = new()
    {
        [Detail.DisciplineDescriptions] = ["reintegration", "admin"],
    };

    private static Dictionary<string, Access> Row(string? write, string[] read)
    {
        var row = read.ToDictionary(r => r, _ => Access.Read, StringComparer.Ordinal);
        if (write is not null)
        {
            row[write] = Access.Write;
        }
        return row;
    }

    public static bool Allows(IEnumerable<string> roles, Area area, Access access) =>
        roles.Any(role => Matrix[area].TryGetValue(role, out var granted) && (granted == Access.Write || access == Access.Read));

    /// <summary>How far <paramref name="role"/> reaches into the facility: a facility claim fully, a region claim as far as <see cref="RegionReach"/> says; null when not at all.</summary>
    private static Access? ReachOf(string role, Caller caller, string facilityCode, string region) =>
        caller.Facilities.Contains(facilityCode) ? Access.Write
        : caller.Regions.Contains(region) && RegionReach.TryGetValue(role, out var reach) ? reach
        : null;

    /// <summary>The caller's roles that reach the facility; what they may do there is the union of their grants.</summary>
    public static IReadOnlyList<string> RolesIn(Caller caller, Facility facility) =>
        caller.Roles.Where(role => ReachOf(role, caller, facility.Code, facility.Region) is not null).ToList();

    /// <summary>
    /// 404 when no role reaches the facility; otherwise allowed when one of the roles that reach it has the grant
    /// (and reaches far enough to write, for a write), else 403.
    /// </summary>
    public static Decision Decide(Caller caller, Facility facility, Area area, Access access)
    {
        var reaching = caller.Roles.Select(role => (Role: role, Reach: ReachOf(role, caller, facility.Code, facility.Region))).Where(r => r.Reach is not null).ToList();
        if (reaching.Count == 0)
        {
            return Decision.NotReached;
        }
        return reaching.Any(r => Allows([r.Role], area, access) && (access == Access.Read || r.Reach == Access.Write)) ? Decision.Allowed : Decision.Forbidden;
    }

    /// <summary>Whether a role of the caller that reaches the facility needs to know <paramref name="detail"/> of the people there.</summary>
    public static bool MayKnow(Caller caller, Facility facility, Detail detail) =>
        RolesIn(caller, facility).Any(NeedToKnow[detail].Contains);

    /// <summary>Every facility some role of the caller reaches, for lists across the caller's scope.</summary>
    public static AccessScope Reach(Caller caller) =>
        new(caller.Facilities, caller.Roles.Any(RegionReach.ContainsKey) ? caller.Regions : new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Registering a facility needs a role that writes facilities across a region the caller's region claim names.</summary>
    public static bool MayRegisterFacilityIn(Caller caller, string region) =>
        caller.Regions.Contains(region) &&
        caller.Roles.Any(role => RegionReach.GetValueOrDefault(role) == Access.Write && Allows([role], Area.Facilities, Access.Write));

    /// <summary>The roles that may take this action, for the OpenAPI document.</summary>
    public static IEnumerable<string> RolesFor(Area area, Access access) =>
        Roles.Where(role => Allows([role], area, access));
}
