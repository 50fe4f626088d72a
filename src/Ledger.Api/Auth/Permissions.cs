namespace Ledger.Api.Auth;

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

/// <summary>api.md's role matrix, as data: which role may read or write which area.</summary>
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
        [Area.Readiness] = Row(write: null, read: ["admin", "bimker", "finance", "reintegration", "kanwil"]),
        [Area.Reports] = Row(write: null, read: ["admin", "bimker", "finance", "reintegration", "kanwil", "auditor"]),
        [Area.Audit] = Row(write: null, read: ["auditor"]),
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

    /// <summary>The roles that may take this action, for the OpenAPI document.</summary>
    public static IEnumerable<string> RolesFor(Area area, Access access) =>
        Roles.Where(role => Allows([role], area, access));
}
