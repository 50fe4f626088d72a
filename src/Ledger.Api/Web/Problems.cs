using Ledger.Core.Authorization;

namespace Ledger.Api.Web;

/// <summary>The RFC 9457 answers that filters and handlers return directly.</summary>
public static class Problems
{
    public static IResult NotFound(string? detail = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail ?? "No such resource, or it is outside your facilities.");

    public static IResult Forbidden(Area area, Access access) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: $"None of your roles may {(access == Access.Write ? "change" : "read")} {area.ToString().ToLowerInvariant()} here; " +
                    $"allowed: {string.Join(", ", Permissions.RolesFor(area, access))}.");

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}
