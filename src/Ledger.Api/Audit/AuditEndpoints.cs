using Ledger.Api.Facilities;
using Ledger.Api.Web;
using Ledger.Core.Authorization;
using Ledger.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Ledger.Api.Audit;

/// <summary>The audit trail of a facility, for auditors only.</summary>
public static class AuditEndpoints
{
    public static void MapAudit(this RouteGroupBuilder api) =>
        api.MapArea("/facilities/{code}/audit", "Audit", Area.Audit).MapGet("/", List);

    /// <summary>Entries from the start of <paramref name="from"/> to the end of <paramref name="to"/>, days in the facility's zone (default: the last 30 days).</summary>
    public static Task<Results<Ok<ItemsOf<AuditEntry>>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> List(string code, AuditStore audit, ApiCall call,
        CancellationToken ct, string? from = null, string? to = null) =>
        call.ReadAsync(Find.Facility(code), async operation =>
        {
            var (first, last) = QueryValues.Period(from, to, operation.Today, end => end.PlusDays(-30));
            var zone = DateTimeZoneProviders.Tzdb[operation.Facility.TimeZone];
            var items = await audit.ListAsync(code, first.AtStartOfDayInZone(zone).ToInstant(), last.PlusDays(1).AtStartOfDayInZone(zone).ToInstant(), ct);
            return TypedResults.Ok(new ItemsOf<AuditEntry>(items));
        });
}
