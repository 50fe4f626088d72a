using Ledger.Api.Inmates;
using Ledger.Api.Web;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Inmates;
using Ledger.Core.Readiness;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Ledger.Api.Readiness;

/// <summary>Release readiness: a person's summary, the printable release file and the facility's release worklist.</summary>
public static class ReadinessEndpoints
{
    public static void MapReadiness(this RouteGroupBuilder api)
    {
        var person = api.MapGroup("/inmates/{id}").WithTags("Readiness");
        person.MapGet("/release-readiness", Summary).RequireAccess(Area.Readiness, Access.Read, InmateEndpoints.FromRouteInmate).ReadsPersonFile("release-readiness").WithProblems(write: false);
        person.MapGet("/release-file", ReleaseFile).RequireAccess(Area.Readiness, Access.Read, InmateEndpoints.FromRouteInmate).ReadsPersonFile("release-file").WithProblems(write: false)
            .Produces<string>(StatusCodes.Status200OK, "text/html").WithContentSecurityPolicy(ReleaseFilePage.ContentSecurityPolicy);
        api.MapGet("/facilities/{code}/releases", Worklist).WithTags("Readiness")
            .RequireAccess(Area.Readiness, Access.Read, AccessFilter.FromRouteCode).ReadsPeople("release-worklist").WithProblems(write: false);
    }

    /// <summary>The summary as of <paramref name="asOf"/> (default: today in the facility's zone).</summary>
    public static async Task<Ok<ReadinessSummary>> Summary(InmateId id, ReadinessStore readiness, RequestContext request, CancellationToken ct, string? asOf = null) =>
        TypedResults.Ok(await EvaluateAsync(id, readiness, request, asOf, ct));

    /// <summary>The release file: one printable HTML page in Bahasa Indonesia.</summary>
    public static async Task<ContentHttpResult> ReleaseFile(InmateId id, ReadinessStore readiness, RequestContext request, HttpContext http, CancellationToken ct, string? asOf = null)
    {
        var summary = await EvaluateAsync(id, readiness, request, asOf, ct);
        var html = await ReleaseFilePage.RenderAsync(http.RequestServices, summary, request.Today, request.UserSub, request.MayKnow(Detail.DisciplineDescriptions));
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>Who reaches expiry or a release right within <paramref name="withinDays"/> days, soonest first.</summary>
    public static async Task<Ok<Worklist>> Worklist(string code, ReadinessStore readiness, RequestContext request, CancellationToken ct, int withinDays = 90)
    {
        if (withinDays is < 0 or > 3650)
        {
            throw ValidationFailedException.For("withinDays", "must be between 0 and 3650");
        }
        var today = request.Today;
        var summaries = (await readiness.LoadCurrentAsync(request.Facility, ct)).Select(input => ReleaseReadiness.Evaluate(input, today));
        var items = ReleaseWorklist.Build(summaries, today, withinDays);
        request.Returns(items.Select(i => i.InmateId.Value));
        return TypedResults.Ok(new Worklist(request.Facility.Code, today, withinDays, items));
    }

    private static async Task<ReadinessSummary> EvaluateAsync(InmateId id, ReadinessStore readiness, RequestContext request, string? asOf, CancellationToken ct)
    {
        var day = QueryValues.Date(asOf, "asOf") ?? request.Today;
        var input = await readiness.LoadAsync(request.Facility, id, ct) ?? throw new NotFoundException("The warga binaan");
        var summary = ReleaseReadiness.Evaluate(input, day);
        // Register-F descriptions are criminal-record detail: only the roles that prepare a release see them.
        return request.MayKnow(Detail.DisciplineDescriptions) ? summary : summary.WithoutDisciplineDescriptions();
    }
}

/// <summary>The release worklist of a facility on a day.</summary>
public sealed record Worklist(string Facility, LocalDate Today, int WithinDays, IReadOnlyList<WorklistItem> Items);
