using Ledger.Core.Text;

namespace Ledger.Web.Shell;

/// <summary>A role as the officers call it ("Petugas Bimker", "Bendahara").</summary>
public static class RoleNames
{
    public static string Of(string role) => role switch
    {
        "bimker" => Pages.RoleBimker,
        "finance" => Pages.RoleFinance,
        "reintegration" => Pages.RoleReintegration,
        "kanwil" => Pages.RoleKanwil,
        "admin" => Pages.RoleAdmin,
        "auditor" => Pages.RoleAuditor,
        _ => role,
    };
}
