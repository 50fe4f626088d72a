using Ledger.Core.Authorization;
using Ledger.Core.Pipeline;

namespace Ledger.Api.Web;

/// <summary>The area of the role matrix an endpoint acts on, declared on its route group; <see cref="ApiCall"/> hands it to the pipeline.</summary>
public sealed record AreaMetadata(Area Area);

/// <summary>
/// What the routes of a group share, declared once on the group: the OpenAPI tag and the area of the role matrix.
/// Authentication and rate limiting apply to every route (AuthSetup's fallback policy, RateLimits' global limiter).
/// </summary>
public static class ApiGroups
{
    /// <summary>A group of routes under <paramref name="prefix"/>, tagged <paramref name="tag"/>, acting on <paramref name="area"/>.</summary>
    public static RouteGroupBuilder MapArea(this IEndpointRouteBuilder api, string prefix, string tag, Area area) =>
        api.MapGroup(prefix).WithTags(tag).WithArea(area);

    /// <summary>The area of a group, or of one route whose area differs from its group's (the last declared wins).</summary>
    public static TBuilder WithArea<TBuilder>(this TBuilder builder, Area area) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AreaMetadata(area));
}

/// <summary>Where the facility of an operation comes from, for <see cref="ApiCall"/>; the pipeline decides what the caller may do there.</summary>
public static class Find
{
    /// <summary>The facility named by the route's {code}.</summary>
    public static FindFacility Facility(string code) => _ => ValueTask.FromResult<string?>(code);

    /// <summary>The facility a store finds for the route's subject; null when the subject does not exist (404, like one out of reach).</summary>
    public static FindFacility Of(Func<CancellationToken, Task<string?>> facilityOf) => ct => new ValueTask<string?>(facilityOf(ct));
}
