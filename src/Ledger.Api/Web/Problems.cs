using Ledger.Core.Authorization;
using Ledger.Core.Text;

namespace Ledger.Api.Web;

/// <summary>The RFC 9457 answers that filters and handlers return directly.</summary>
public static class Problems
{
    public static IResult NotFound(string? detail = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: ProblemTexts.NotFoundTitle, detail: detail ?? ProblemTexts.NotFoundDetail);

    public static IResult Forbidden(Area area, Access access) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: ProblemTexts.ForbiddenTitle,
            detail: Catalogue.Fill(access == Access.Write ? ProblemTexts.ForbiddenChange : ProblemTexts.ForbiddenRead,
                AreaName(area), string.Join(", ", Permissions.RolesFor(area, access))));

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: ProblemTexts.ForbiddenTitle, detail: detail);

    /// <summary>The 400 of an Idempotency-Key that is empty or too long.</summary>
    public static IResult InvalidIdempotencyKey(string header, int maxLength) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [header] = [Catalogue.Fill(ProblemTexts.KeyLength, maxLength)] },
            title: ProblemTexts.InvalidTitle);

    /// <summary>The 422 of an Idempotency-Key used before with a different request.</summary>
    public static IResult IdempotencyKeyReused(string header, string key) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: ProblemTexts.KeyReusedTitle,
            detail: Catalogue.Fill(ProblemTexts.KeyReusedDetail, header, key));

    /// <summary>An area as a 403 names it: "premi", "data warga binaan" (the enum's name, lower-case, when the catalogue has none).</summary>
    private static string AreaName(Area area) =>
        ProblemTexts.ResourceManager.GetString("Area" + area, ProblemTexts.Culture) ?? area.ToString().ToLowerInvariant();
}
