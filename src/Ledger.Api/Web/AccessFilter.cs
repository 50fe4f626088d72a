using Ledger.Api.Auth;
using Ledger.Core;
using Ledger.Core.Facilities;

namespace Ledger.Api.Web;

/// <summary>Finds the facility that the subject of a request belongs to; null when the subject does not exist.</summary>
public delegate ValueTask<string?> LocateFacility(HttpContext context, CancellationToken ct);

/// <summary>
/// The order of api.md's security rules: a subject outside the caller's facilities answers 404 exactly as
/// if it did not exist; inside them, an action that no role reaching that facility may take answers 403.
/// </summary>
public static class AccessFilter
{
    public sealed record Requirement(Area Area, Access Access);

    public static RouteHandlerBuilder RequireAccess(this RouteHandlerBuilder builder, Area area, Access access, LocateFacility locate)
    {
        builder.WithMetadata(new Requirement(area, access));
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var request = http.RequestServices.GetRequiredService<RequestContext>();
            var ct = http.RequestAborted;
            var code = await locate(http, ct);
            var facility = code is null ? null : await http.RequestServices.GetRequiredService<FacilityStore>().GetAsync(code, ct);
            switch (facility is null ? Decision.NotReached : Permissions.Decide(request.Caller, facility, area, access))
            {
                case Decision.NotReached:
                    return Problems.NotFound();
                case Decision.Forbidden:
                    return Problems.Forbidden(area, access);
            }
            request.Facility = facility!;
            return await next(context);
        });
    }

    /// <summary>
    /// Writes an audit row ("read ..." with the person as subject) when a read of a person's file succeeds, after the
    /// access filter has let it through: UU 27/2022 wants every read of specific personal data attributable.
    /// </summary>
    public static RouteHandlerBuilder ReadsPersonFile(this RouteHandlerBuilder builder, string what) => builder.AuditsRead(what, listsPeople: false);

    /// <summary>
    /// The same for a read that returns people (a list, a search, a worklist, a premi run): one audit row per request
    /// naming the reader, the facility, the subject in the route (if any) and the people the handler says it returned
    /// (<see cref="RequestContext.Returns"/>) or the search it answered. A handler that forgets to say whom it returned
    /// is a bug that would leave an audit row naming no one, so it fails loudly instead.
    /// </summary>
    public static RouteHandlerBuilder ReadsPeople(this RouteHandlerBuilder builder, string what) => builder.AuditsRead(what, listsPeople: true);

    private static RouteHandlerBuilder AuditsRead(this RouteHandlerBuilder builder, string what, bool listsPeople) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (HandlerResults.Succeeded(result, out _, out _))
            {
                var http = context.HttpContext;
                var request = http.RequestServices.GetRequiredService<RequestContext>();
                if (listsPeople && request.Read is null)
                {
                    throw new InvalidOperationException($"The handler of read.{what} did not say which people it returned (RequestContext.Returns).");
                }
                await http.RequestServices.GetRequiredService<Ledger.Core.Storage.AuditStore>().RecordReadAsync(
                    request.Actor, request.Facility.Code, "read." + what, http.GetRouteValue("id") as string, request.Read, request.Now, http.RequestAborted);
            }
            return result;
        });

    /// <summary>An endpoint with no single facility (lists across the caller's scope): only the role is checked.</summary>
    public static RouteHandlerBuilder RequireRole(this RouteHandlerBuilder builder, Area area, Access access)
    {
        builder.WithMetadata(new Requirement(area, access));
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.RequestServices.GetRequiredService<RequestContext>();
            return Permissions.Allows(request.Roles, area, access) ? await next(context) : Problems.Forbidden(area, access);
        });
    }

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
