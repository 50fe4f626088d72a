using Ledger.Api.Web;
using Ledger.Web.ReadinessPages;
using Ledger.Core.Text;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Inmates;
using Ledger.Core.Pipeline;
using Ledger.Core.Readiness;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using static Ledger.Api.Inmates.InmateEndpoints;

namespace Ledger.Api.Readiness;

/// <summary>Release readiness: a person's summary, the printable release file and the facility's release worklist.</summary>
public static class ReadinessEndpoints
{
    public static void MapReadiness(this RouteGroupBuilder api)
    {
        var person = api.MapArea("/inmates/{id}", "Readiness", Area.Readiness);
        person.MapGet("/release-readiness", Summary);
        person.MapGet("/release-file", ReleaseFile).Produces<string>(StatusCodes.Status200OK, "text/html").WithContentSecurityPolicy(ReleaseFilePage.ContentSecurityPolicy);
        api.MapArea("/facilities/{code}/releases", "Readiness", Area.Readiness).MapGet("/", Worklist);
    }

    /// <summary>The summary as of <paramref name="asOf"/> (default: today in the facility's zone).</summary>
    public static Task<Results<Ok<ReadinessSummary>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Summary(InmateId id, InmateStore inmates, ReadinessStore readiness,
        ApiCall call, CancellationToken ct, string? asOf = null) =>
        call.ReadAsync(InmateIn(inmates, id), async operation => TypedResults.Ok(await EvaluateAsync(id, readiness, operation, asOf, ct)),
            Audited.PersonFile("release-readiness"));

    /// <summary>The release file: one printable HTML page in Bahasa Indonesia.</summary>
    /// <remarks>A draft: no letter number (a numbered printing is the staff pages' job); the officer's name and NIP from their profile.</remarks>
    public static Task<Results<ContentHttpResult, ValidationProblem, ForbiddenProblem, NotFoundProblem>> ReleaseFile(InmateId id, InmateStore inmates, ReadinessStore readiness,
        ReleaseLetterStore letters, ApiCall call, HttpContext http, CancellationToken ct, string? asOf = null) =>
        call.ReadAsync(InmateIn(inmates, id), async operation =>
        {
            var summary = await EvaluateAsync(id, readiness, operation, asOf, ct);
            var signatures = await letters.DraftAsync(operation.Facility, operation.Caller.UserSub, operation.Caller.UserSub, ct);
            var html = await ReleaseFilePage.RenderAsync(http.RequestServices, summary, operation.Today, operation.Caller.UserSub, operation.MayKnow(Detail.DisciplineDescriptions),
                signatures: signatures);
            return TypedResults.Content(html, "text/html; charset=utf-8");
        }, Audited.PersonFile("release-file"));

    /// <summary>Who reaches expiry or a release right within <paramref name="withinDays"/> days, soonest first.</summary>
    public static Task<Results<Ok<Worklist>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Worklist(string code, ReadinessStore readiness, ApiCall call,
        CancellationToken ct, int withinDays = 90) =>
        call.ReadAsync(Find.Facility(code), async operation =>
        {
            if (withinDays is < 0 or > 3650)
            {
                throw ValidationFailedException.For("withinDays", Catalogue.Fill(Fields.MustBeBetween, 0, 3650));
            }
            var today = operation.Today;
            var summaries = (await readiness.LoadCurrentAsync(operation.Facility, ct)).Select(input => ReleaseReadiness.Evaluate(input, today));
            var items = ReleaseWorklist.Build(summaries, today, withinDays);
            operation.Returns(items.Select(i => i.InmateId.Value));
            return TypedResults.Ok(new Worklist(operation.Facility.Code, today, withinDays, items));
        }, Audited.People("release-worklist"));

    private static async Task<ReadinessSummary> EvaluateAsync(InmateId id, ReadinessStore readiness, OperationContext operation, string? asOf, CancellationToken ct)
    {
        var day = QueryValues.Date(asOf, "asOf") ?? operation.Today;
        return await readiness.SummaryForAsync(operation, id, day, ct);
    }
}

/// <summary>The release worklist of a facility on a day.</summary>
public sealed record Worklist(string Facility, LocalDate Today, int WithinDays, IReadOnlyList<WorklistItem> Items);
