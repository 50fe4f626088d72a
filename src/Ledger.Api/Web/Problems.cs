using Ledger.Core.Authorization;
using Ledger.Core.Skills;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Web;

/// <summary>
/// Every RFC 9457 answer that handlers and <see cref="ApiCall"/> return, with all their titles and details in one
/// place, each as the typed result that names its status (<see cref="ProblemResult"/>).
/// </summary>
public static class Problems
{
    /// <summary>The title of every 400 naming fields, from binding (<see cref="ProblemExceptionHandler"/>) or from Core.</summary>
    public const string InvalidTitle = "One or more fields are invalid";

    /// <summary>The title of every 409 a rule of the ledger answers.</summary>
    public const string ConflictTitle = "Refused by a ledger rule";

    public static NotFoundProblem NotFound(string? detail = null) =>
        new("Not found", detail ?? "No such resource, or it is outside your facilities.");

    public static ForbiddenProblem Forbidden(Area area, Access access) =>
        new("Forbidden", $"None of your roles may {(access == Access.Write ? "change" : "read")} {area.ToString().ToLowerInvariant()} here; " +
                         $"allowed: {AllowedRoles(area, access)}.");

    /// <summary>The roles that may take an action, as the 403 answer and the OpenAPI description list them.</summary>
    public static string AllowedRoles(Area area, Access access) => string.Join(", ", Permissions.RolesFor(area, access));

    public static ForbiddenProblem RegisterFacilityIn(string region) =>
        new("Forbidden", $"Registering a facility in region '{region}' needs an admin whose region claim names it.");

    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: InvalidTitle);

    public static ConflictProblem Conflict(string reason) => new(ConflictTitle, reason);

    public static ValidationProblem InvalidKey(string header, int maxLength) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [header] = [$"must be 1 to {maxLength} characters"] });

    public static KeyReusedProblem KeyReused(string header, string key) =>
        new("Idempotency key reused", $"The {header} '{key}' was already used with a different request.");

    public static UnsupportedMediaTypeProblem UnsupportedImport(string mediaType) =>
        new(Core.Text.Import.UnsupportedTypeTitle, Core.Text.Catalogue.Fill(Core.Text.Import.UnsupportedType, mediaType));

    /// <summary>A refused import: every bad cell under errors ("line 7: date"), the first problems in full under rows.</summary>
    public static ValidationProblem ImportRefused(TrainingImportReport report)
    {
        var errors = report.Problems.GroupBy(p => p.ErrorKey()).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray());
        return TypedResults.ValidationProblem(errors, title: TrainingImportReport.RefusedTitle, detail: report.RefusedDetail(),
            extensions: new Dictionary<string, object?> { ["rows"] = report.Problems, ["problemCount"] = report.ProblemCount, ["rowCount"] = report.Rows });
    }
}
