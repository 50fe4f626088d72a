using Ledger.Core;
using Ledger.Core.Authorization;

namespace Ledger.Api.Web;

/// <summary>Finds the facility that the subject of a request belongs to; null when the subject does not exist.</summary>
public delegate ValueTask<string?> LocateFacility(HttpContext context, CancellationToken ct);

/// <summary>
/// How an endpoint declares what the Core pipeline checks: its area and access, where its facility comes from, and
/// whether its read is audited. The declarations are endpoint metadata; <see cref="PipelineFilter"/> reads them
/// and runs the handler through <see cref="Ledger.Core.Pipeline.LedgerPipeline"/>, which decides.
/// </summary>
public static class AccessFilter
{
    /// <summary>The area and access of an endpoint; <see cref="Locate"/> is null for an endpoint across the caller's scope.</summary>
    public sealed record Requirement(Area Area, Access Access, LocateFacility? Locate);

    /// <summary>A read that writes an audit row naming its subject or the people it returned.</summary>
    public sealed record ReadAuditMarker(string What, bool ListsPeople);

    /// <summary>An endpoint in the facility of its subject: 404 outside the caller's reach, 403 when no reaching role may act.</summary>
    public static RouteHandlerBuilder RequireAccess(this RouteHandlerBuilder builder, Area area, Access access, LocateFacility locate) =>
        builder.WithMetadata(new Requirement(area, access, locate)).AddEndpointFilter(PipelineFilter.RunAsync);

    /// <summary>An endpoint with no single facility (lists across the caller's scope): only the role is checked.</summary>
    public static RouteHandlerBuilder RequireRole(this RouteHandlerBuilder builder, Area area, Access access) =>
        builder.WithMetadata(new Requirement(area, access, null)).AddEndpointFilter(PipelineFilter.RunAsync);

    /// <summary>
    /// A read of a person's file: when it succeeds, an audit row "read ..." with the person as subject (UU 27/2022
    /// wants every read of specific personal data attributable).
    /// </summary>
    public static RouteHandlerBuilder ReadsPersonFile(this RouteHandlerBuilder builder, string what) =>
        builder.WithMetadata(new ReadAuditMarker(what, ListsPeople: false));

    /// <summary>
    /// A read that returns people (a list, a search, a worklist, a premi run): one audit row per request naming the
    /// reader, the facility, the subject in the route (if any) and the people the handler says it returned
    /// (<see cref="RequestContext.Returns"/>) or the search it answered.
    /// </summary>
    public static RouteHandlerBuilder ReadsPeople(this RouteHandlerBuilder builder, string what) =>
        builder.WithMetadata(new ReadAuditMarker(what, ListsPeople: true));

    /// <summary>
    /// The facility of the subject whose typed id is the route value <paramref name="routeKey"/>, found by the
    /// feature's store; an id that is not a UUID finds nothing (404, like an unknown one).
    /// </summary>
    public static LocateFacility FromRouteId<TId, TStore>(string routeKey, Func<TStore, TId, CancellationToken, Task<string?>> facilityOf)
        where TId : struct, ITypedId<TId>
        where TStore : notnull =>
        async (context, ct) => Guid.TryParse(context.GetRouteValue(routeKey) as string, out var guid)
            ? await facilityOf(context.RequestServices.GetRequiredService<TStore>(), TId.From(guid), ct)
            : null;

    /// <summary>The facility named by the route's {code}.</summary>
    public static readonly LocateFacility FromRouteCode = (context, _) => ValueTask.FromResult(context.GetRouteValue("code") as string);
}
