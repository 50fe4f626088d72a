using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Pipeline;
using Ledger.Core.Reports;
using Ledger.Core.Text;
using Ledger.Web.Shell;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ledger.Web.Kanwil;

/// <summary>The dashboard the page shows, as xlsx for the signed-in officer, through the same pipeline and reach rules.</summary>
public static class DashboardExport
{
    public static void MapDashboardExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/kanwil/dasbor.xlsx", async (PageCall call, RegionDashboardStore store, string? from, string? to, string? region, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, List<string>>();
            var (first, last) = PeriodInput.Parse(from, to, errors);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors.ToDictionary(e => e.Key == "dari" ? "from" : "to", e => e.Value.ToArray()));
            }
            var outcome = await call.ReadAcrossAsync(Area.Reports, operation => store.ReadAsync(operation, region, first, last, ct), ct);
            return outcome switch
            {
                Outcome<DashboardAnswer>.Ok { Value: { Standing: RegionStanding.Allowed, Dashboard: { } shown } } =>
                    Results.File(DashboardXlsx.Write(shown), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        $"dasbor-{shown.Region}-{Format.InputDate(shown.From)}-{Format.InputDate(shown.To)}.xlsx"),
                Outcome<DashboardAnswer>.Ok { Value.Standing: RegionStanding.Forbidden } or Outcome<DashboardAnswer>.Forbidden =>
                    Results.StatusCode(StatusCodes.Status403Forbidden),
                _ => Results.NotFound(),
            };
        }).ExcludeFromDescription();
}
