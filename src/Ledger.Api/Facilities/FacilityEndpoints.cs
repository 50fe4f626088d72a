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
        var group = api.MapArea("/facilities", "Facilities", Area.Facilities);
        group.MapPost("/", Create);
        group.MapGet("/", List);
        group.MapGet("/{code}", Get);
        group.MapPost("/{code}/settings", UpdateSettings).Accepts<FacilitySettings>("application/json")
            .WithDescription("Changes only the settings named in the body, e.g. {\"minutesPerJp\": 40, \"travelHomeAmount\": 250000}; each is checked against its limits.");
    }

    /// <summary>A new facility has no facility yet to check access in: the role is checked, then its region (an admin whose region claim names it).</summary>
    public static Task<Results<Written<Facility>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> Create(
        NewFacility body, FacilityStore facilities, ApiCall call, CancellationToken ct) =>
        call.WriteAsync<Facility>(null, async operation =>
        {
            FacilityRules.Validate(body);
            if (!operation.MayRegisterFacilityIn(body.Region!))
            {
                return Problems.RegisterFacilityIn(body.Region!);
            }
            var facility = await facilities.CreateAsync(operation.Session, body, ct);
            return Written.Created($"/api/v1/facilities/{facility.Code}", facility);
        });

    public static Task<Results<Ok<ItemsOf<Facility>>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> List(FacilityStore facilities, ApiCall call, CancellationToken ct) =>
        call.ReadAsync(null, async operation => TypedResults.Ok(new ItemsOf<Facility>(await facilities.ListAsync(operation.Scope, ct))));

    public static Task<Results<Ok<Facility>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Get(string code, ApiCall call) =>
        call.ReadAsync(Find.Facility(code), operation => Task.FromResult(TypedResults.Ok(operation.Facility)));

    public static Task<Results<Written<Facility>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> UpdateSettings(
        string code, System.Text.Json.Nodes.JsonObject body, FacilityStore facilities, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(Find.Facility(code), async operation =>
        {
            var facility = await facilities.UpdateSettingsAsync(operation.Session, operation.Facility, body, ct);
            return Written.Created($"/api/v1/facilities/{facility.Code}", facility);
        });
}

/// <summary>A list answer: <c>{ "items": [...] }</c>, so fields can be added beside the items later.</summary>
public sealed record ItemsOf<T>(IReadOnlyList<T> Items);
