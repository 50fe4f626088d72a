using Ledger.Core.Authorization;

namespace Ledger.Web.Shell;

/// <summary>The area and access a 403 page names, with the roles that may.</summary>
public sealed record Forbidden(Area Area, Access Access);
