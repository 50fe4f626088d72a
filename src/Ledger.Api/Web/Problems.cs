using Ledger.Core.Authorization;
using Ledger.Core.Skills;
using Ledger.Core.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Web;

/// <summary>
/// Every RFC 9457 answer that handlers and <see cref="ApiCall"/> return, with all their titles and details in one
/// place, each as the typed result that names its status (<see cref="ProblemResult"/>).
/// </summary>
public static class Problems
{
    /// <summary>The title of every 400 naming fields, from binding (<see cref="ProblemExceptionHandler"/>) or from Core, in the reader's language.</summary>
    public static string InvalidTitle => ProblemTexts.InvalidTitle;

    /// <summary>The title of every 409 a rule of the ledger answers, in the reader's language.</summary>
    public static string ConflictTitle => ProblemTexts.ConflictTitle;

    public static NotFoundProblem NotFound(string? detail = null) =>
        new(ProblemTexts.NotFoundTitle, detail ?? ProblemTexts.NotFoundDetail);

    public static ForbiddenProblem Forbidden(Area area, Access access) =>
        new(ProblemTexts.ForbiddenTitle, Catalogue.Fill(access == Access.Write ? ProblemTexts.ForbiddenChange : ProblemTexts.ForbiddenRead,
            AreaName(area), AllowedRoles(area, access)));

    /// <summary>The roles that may take an action, as the 403 answer and the OpenAPI description list them.</summary>
    public static string AllowedRoles(Area area, Access access) => string.Join(", ", Permissions.RolesFor(area, access));

    public static ForbiddenProblem RegisterFacilityIn(string region) =>
        new(ProblemTexts.ForbiddenTitle, Catalogue.Fill(ProblemTexts.RegionNeedsAdmin, region));

    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: InvalidTitle);

    public static ConflictProblem Conflict(string reason) => new(ConflictTitle, reason);

    /// <summary>The 400 of an Idempotency-Key that is empty or too long (the framework's title, as it always answered).</summary>
    public static ValidationProblem InvalidKey(string header, int maxLength) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [header] = [Catalogue.Fill(ProblemTexts.KeyLength, maxLength)] });

    public static KeyReusedProblem KeyReused(string header, string key) =>
        new(ProblemTexts.KeyReusedTitle, Catalogue.Fill(ProblemTexts.KeyReusedDetail, header, key));

    public static UnsupportedMediaTypeProblem UnsupportedImport(string mediaType) =>
        new(Import.UnsupportedTypeTitle, Catalogue.Fill(Import.UnsupportedType, mediaType));

    /// <summary>A refused import: every bad cell under errors ("line 7: date"), the first problems in full under rows.</summary>
    public static ValidationProblem ImportRefused(TrainingImportReport report)
    {
        var errors = report.Problems.GroupBy(p => p.ErrorKey()).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray());
        return TypedResults.ValidationProblem(errors, title: TrainingImportReport.RefusedTitle, detail: report.RefusedDetail(),
            extensions: new Dictionary<string, object?> { ["rows"] = report.Problems, ["problemCount"] = report.ProblemCount, ["rowCount"] = report.Rows });
    }

    /// <summary>A refused registry file: every problem under errors ("Remisi line 7: Tanggal SK"), the whole report under report.</summary>
    public static ValidationProblem RegistryRefused(Ledger.Core.Registry.RegistryImportReport report)
    {
        var errors = report.Problems.GroupBy(p => p.ErrorKey()).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return TypedResults.ValidationProblem(errors, title: Ledger.Core.Text.RegistryImport.Refused,
            detail: Catalogue.Fill(Ledger.Core.Text.RegistryImport.RefusedDetail, report.Counts.Problems), extensions: new Dictionary<string, object?> { ["report"] = report });
    }

    /// <summary>An area as a 403 names it: "premi", "data warga binaan" (the enum's name, lower-case, when the catalogue has none).</summary>
    private static string AreaName(Area area) =>
        ProblemTexts.ResourceManager.GetString("Area" + area, ProblemTexts.Culture) ?? area.ToString().ToLowerInvariant();
}
