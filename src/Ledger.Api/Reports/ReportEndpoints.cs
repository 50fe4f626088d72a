using Ledger.Api.Web;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Facilities;
using Ledger.Core.Skills;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Ledger.Api.Reports;

/// <summary>Totals per programme for a period, per facility and across a region (Kalapas and Kanwil).</summary>
public static class ReportEndpoints
{
    public static void MapReports(this RouteGroupBuilder api)
    {
        api.MapGet("/facilities/{code}/reports/programmes", Facility).WithTags("Reports")
            .RequireAccess(Area.Reports, Access.Read, AccessFilter.FromRouteCode).WithProblems(write: false);
        api.MapGet("/regions/{region}/reports/programmes", Region).WithTags("Reports")
            .RequireRole(Area.Reports, Access.Read).WithProblems(write: false);
    }

    /// <summary>Per programme of the facility from <c>from</c> to <c>to</c> (both included; default: 1 January to today).</summary>
    public static async Task<Ok<ProgrammesReport>> Facility(string code, ProgrammeStore programmes, RequestContext request, CancellationToken ct, string? from = null, string? to = null)
    {
        var (first, last) = Period(from, to, request.Today);
        var items = await programmes.ReportAsync(request.Facility, first, last, ct);
        return TypedResults.Ok(new ProgrammesReport(request.Facility.Code, first, last, items));
    }

    /// <summary>The same for every facility of the region that the caller may read; a region outside the caller's scope answers 404.</summary>
    public static async Task<Results<Ok<ProgrammesReport>, ProblemHttpResult>> Region(string region, FacilityStore facilities, ProgrammeStore programmes, RequestContext request,
        IClock clock, CancellationToken ct, string? from = null, string? to = null)
    {
        var reached = (await facilities.ListAsync(request.Scope, ct)).Where(f => f.Region == region).ToList();
        if (reached.Count == 0)
        {
            return (ProblemHttpResult)Problems.NotFound();
        }
        // Per role: a facility counts only if a role that reaches it may read its reports.
        var inRegion = reached.Where(f => Permissions.Decide(request.Caller, f, Area.Reports, Access.Read) == Decision.Allowed).ToList();
        if (inRegion.Count == 0)
        {
            return (ProblemHttpResult)Problems.Forbidden(Area.Reports, Access.Read);
        }
        var (first, last) = Period(from, to, inRegion[0].DateAt(clock.GetCurrentInstant()));
        var items = new List<ProgrammeReportLine>();
        foreach (var facility in inRegion)
        {
            items.AddRange(await programmes.ReportAsync(facility, first, last, ct));
        }
        return TypedResults.Ok(new ProgrammesReport(region, first, last, items));
    }

    private static (LocalDate From, LocalDate To) Period(string? from, string? to, LocalDate today) =>
        QueryValues.Period(from, to, today, last => new LocalDate(last.Year, 1, 1));
}

/// <summary>The programme report of a facility or a region for a period.</summary>
public sealed record ProgrammesReport(string Scope, LocalDate From, LocalDate To, IReadOnlyList<ProgrammeReportLine> Items);
