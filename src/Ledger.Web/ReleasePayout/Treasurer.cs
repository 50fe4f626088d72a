using Ledger.Web.Shell;
using Ledger.Web.SignIn;

namespace Ledger.Web.ReleasePayout;

/// <summary>
/// The name printed for the treasurer who paid: the ledger keeps only their sign-in subject, so the name comes from
/// the signed-in officer when it is they, else from the demo's users, else the subject itself. A staff profile with
/// names (issue 11, release file) would replace this.
/// </summary>
public static class Treasurer
{
    public static string Name(PageCall call, string sub) =>
        sub == call.Caller.UserSub ? call.UserName : DemoUsers.Find(sub)?.Name ?? sub;
}
