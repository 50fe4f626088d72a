using Ledger.Api.Facilities;
using Ledger.Api.Web;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Ledger.Api.Audit;

/// <summary>The audit trail of a facility, for auditors only.</summary>
public static class AuditEndpoints
{
    public static void MapAudit(this RouteGroupBuilder api) =>
        api.MapGet("/facilities/{code}/audit", List).WithTags("Audit")
            .RequireAccess(Area.Audit, Access.Read, AccessFilter.FromRouteCode).WithProblems(write: false);

    /// <summary>Entries from the start of <paramref name="from"/> to the end of <paramref name="to"/>, days in the facility's zone (default: the last 30 days).</summary>
    public static async Task<Ok<ItemsOf<AuditEntry>>> List(string code, AuditStore audit, RequestContext request, CancellationToken ct, string? from = null, string? to = null)
    {
        var (first, last) = QueryValues.Period(from, to, request.Today, end => end.PlusDays(-30));
        var zone = DateTimeZoneProviders.Tzdb[request.Facility.TimeZone];
        var items = await audit.ListAsync(code, first.AtStartOfDayInZone(zone).ToInstant(), last.PlusDays(1).AtStartOfDayInZone(zone).ToInstant(), ct);
        return TypedResults.Ok(new ItemsOf<AuditEntry>(items));
    }
}
