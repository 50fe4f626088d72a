using Ledger.Api.Web;
using Ledger.Core.Authorization;
using Ledger.Core.Facilities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Facilities;

/// <summary>Facilities (Lapas): registered by a region's admin, read by everyone working in them.</summary>
public static class FacilityEndpoints
{
    public static void MapFacilities(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/facilities").WithTags("Facilities");
        group.MapPost("/", Create).RequireRole(Area.Facilities, Access.Write).AsWrite().WithProblems(write: true);
        group.MapGet("/", List).RequireRole(Area.Facilities, Access.Read).WithProblems(write: false);
        group.MapGet("/{code}", Get).RequireAccess(Area.Facilities, Access.Read, AccessFilter.FromRouteCode).WithProblems(write: false);
        group.MapPost("/{code}/settings", UpdateSettings).RequireAccess(Area.Facilities, Access.Write, AccessFilter.FromRouteCode).AsWrite().WithProblems(write: true)
            .Accepts<FacilitySettings>("application/json")
            .WithDescription("Changes only the settings named in the body, e.g. {\"minutesPerJp\": 40, \"travelHomeAmount\": 250000}; each is checked against its limits.");
    }

    public static async Task<Results<Created<Facility>, ProblemHttpResult>> Create(NewFacility body, FacilityStore facilities, RequestContext request, CancellationToken ct)
    {
        FacilityRules.Validate(body);
        if (!Permissions.MayRegisterFacilityIn(request.Caller, body.Region!))
        {
            return TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: $"Registering a facility in region '{body.Region}' needs an admin whose region claim names it.");
        }
        var facility = await facilities.CreateAsync(request.Session, body, ct);
        return TypedResults.Created($"/api/v1/facilities/{facility.Code}", facility);
    }

    public static async Task<Ok<ItemsOf<Facility>>> List(FacilityStore facilities, RequestContext request, CancellationToken ct) =>
        TypedResults.Ok(new ItemsOf<Facility>(await facilities.ListAsync(request.Scope, ct)));

    public static Ok<Facility> Get(RequestContext request) => TypedResults.Ok(request.Facility);

    public static async Task<Created<Facility>> UpdateSettings(string code, System.Text.Json.Nodes.JsonObject body, RequestContext request, CancellationToken ct)
    {
        var facility = await FacilityStore.UpdateSettingsAsync(request.Session, request.Facility, body, ct);
        return TypedResults.Created($"/api/v1/facilities/{facility.Code}", facility);
    }
}

/// <summary>A list answer: <c>{ "items": [...] }</c>, so fields can be added beside the items later.</summary>
public sealed record ItemsOf<T>(IReadOnlyList<T> Items);
