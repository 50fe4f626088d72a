using Ledger.Api.Web;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Facilities;
using Ledger.Core.Reports;
using Ledger.Core.Skills;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Ledger.Api.Reports;

/// <summary>Totals per programme for a period, per facility and across a region (Kalapas and Kanwil).</summary>
public static class ReportEndpoints
{
    public static void MapReports(this RouteGroupBuilder api)
    {
        api.MapArea("/facilities/{code}/reports", "Reports", Area.Reports).MapGet("/programmes", Facility);
        var region = api.MapArea("/regions/{region}/reports", "Reports", Area.Reports);
        region.MapGet("/programmes", Region);
        region.MapGet("/dashboard", Dashboard);
    }

    /// <summary>Per programme of the facility from <c>from</c> to <c>to</c> (both included; default: 1 January to today).</summary>
    public static Task<Results<Ok<ProgrammesReport>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Facility(string code, ProgrammeStore programmes, ApiCall call,
        CancellationToken ct, string? from = null, string? to = null) =>
        call.ReadAsync(Find.Facility(code), async operation =>
        {
            var (first, last) = Period(from, to, operation.Today);
            var items = await programmes.ReportAsync(operation, first, last, ct);
            return TypedResults.Ok(new ProgrammesReport(operation.Facility.Code, first, last, items));
        });

    /// <summary>
    /// The same for every facility of the region that the caller may read; a region outside the caller's scope answers
    /// 404, one where no role reaching its facilities may read reports 403. The role is checked by the pipeline, each
    /// facility of the region by the operation (<see cref="Ledger.Core.Pipeline.OperationContext.Allows"/>).
    /// </summary>
    public static Task<Results<Ok<ProgrammesReport>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Region(string region, FacilityStore facilities,
        ProgrammeStore programmes, ApiCall call, CancellationToken ct, string? from = null, string? to = null) =>
        call.ReadAsync<Ok<ProgrammesReport>>(null, async operation =>
        {
            var reached = (await facilities.ListAsync(operation.Scope, ct)).Where(f => f.Region == region).ToList();
            if (reached.Count == 0)
            {
                return Problems.NotFound();
            }
            var inRegion = reached.Where(f => operation.Allows(f, Area.Reports, Access.Read)).ToList();
            if (inRegion.Count == 0)
            {
                return Problems.Forbidden(Area.Reports, Access.Read);
            }
            var (first, last) = Period(from, to, inRegion[0].DateAt(operation.Now));
            var items = await programmes.ReportAsync(operation, inRegion, first, last, ct);
            return TypedResults.Ok(new ProgrammesReport(region, first, last, items));
        });

    /// <summary>
    /// The Kanwil dashboard: per Lapas of the region and in total, from <c>from</c> to <c>to</c> (both included; without
    /// them the span of the region's largest recent work order). Only for those who cover the region (a region claim):
    /// an officer of one of its Lapas gets 403, a region outside the caller's reach 404.
    /// </summary>
    public static Task<Results<Ok<RegionDashboard>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Dashboard(string region,
        RegionDashboardStore dashboards, ApiCall call, CancellationToken ct, string? from = null, string? to = null) =>
        call.ReadAsync<Ok<RegionDashboard>>(null, async operation =>
        {
            var (first, last) = QueryValues.Period(from, to);
            var answer = await dashboards.ReadAsync(operation, region, first, last, ct);
            return answer.Standing switch
            {
                RegionStanding.Allowed => TypedResults.Ok(answer.Dashboard!),
                RegionStanding.Forbidden => Problems.Forbidden(Area.Reports, Access.Read),
                _ => Problems.NotFound(),
            };
        });

    private static (LocalDate From, LocalDate To) Period(string? from, string? to, LocalDate today) =>
        QueryValues.Period(from, to, today, last => new LocalDate(last.Year, 1, 1));
}

/// <summary>The programme report of a facility or a region for a period.</summary>
public sealed record ProgrammesReport(string Scope, LocalDate From, LocalDate To, IReadOnlyList<ProgrammeReportLine> Items);
