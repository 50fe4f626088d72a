using System.Text.Json;
using Ledger.Api.Facilities;
using Ledger.Api.Web;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Work;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Work;

/// <summary>Work orders and work records with QC results (bimker writes; api.md's "programmes ... work records" row).</summary>
public static class WorkEndpoints
{
    /// <summary>The facility of the work order in the route's {id}.</summary>
    public static readonly LocateFacility FromRouteWorkOrder = AccessFilter.FromRouteId<WorkOrderId, WorkStore>("id", (store, id, ct) => store.FacilityOfOrderAsync(id, ct));

    /// <summary>The facility of the work record in the route's {id}.</summary>
    public static readonly LocateFacility FromRouteWorkRecord = AccessFilter.FromRouteId<WorkRecordId, WorkStore>("id", (store, id, ct) => store.FacilityOfRecordAsync(id, ct));

    public static void MapWork(this RouteGroupBuilder api)
    {
        var byFacility = api.MapGroup("/facilities/{code}/work-orders").WithTags("Work");
        byFacility.MapPost("/", Create).RequireAccess(Area.Skills, Access.Write, AccessFilter.FromRouteCode).AsWrite().WithProblems(write: true);
        byFacility.MapGet("/", List).RequireAccess(Area.Skills, Access.Read, AccessFilter.FromRouteCode).WithProblems(write: false);

        var byId = api.MapGroup("/work-orders/{id}").WithTags("Work");
        byId.MapGet("/", Get).RequireAccess(Area.Skills, Access.Read, FromRouteWorkOrder).WithProblems(write: false);
        byId.MapPost("/records", Record).RequireAccess(Area.Skills, Access.Write, FromRouteWorkOrder).AsWrite().WithProblems(write: true)
            .Accepts<List<NewWorkRecord>>("application/json");
        byId.MapGet("/records", Records).RequireAccess(Area.Skills, Access.Read, FromRouteWorkOrder).ReadsPeople("work-records").WithProblems(write: false);
        byId.MapPost("/close", Close).RequireAccess(Area.Skills, Access.Write, FromRouteWorkOrder).AsWrite().WithProblems(write: true);

        api.MapPost("/work-records/{id}/reversal", Reverse).WithTags("Work")
            .RequireAccess(Area.Skills, Access.Write, FromRouteWorkRecord).AsWrite().WithProblems(write: true);
    }

    public static async Task<Created<WorkOrder>> Create(string code, NewWorkOrder body, RequestContext request, CancellationToken ct)
    {
        var order = await WorkStore.CreateOrderAsync(request.Session, request.Facility, body, ct);
        return TypedResults.Created($"/api/v1/work-orders/{order.Id}", order);
    }

    public static async Task<Ok<ItemsOf<WorkOrder>>> List(string code, WorkStore work, RequestContext request, CancellationToken ct) =>
        TypedResults.Ok(new ItemsOf<WorkOrder>(await work.ListOrdersAsync(request.Facility.Code, ct)));

    /// <summary>The order with its progress: units produced and passed against the quantity, workers, days.</summary>
    public static async Task<Ok<WorkOrder>> Get(WorkOrderId id, WorkStore work, CancellationToken ct) =>
        TypedResults.Ok(await work.GetOrderAsync(id, ct) ?? throw new NotFoundException("The work order"));

    /// <summary>A batch of work records, all or nothing; a refused row is named with its index, e.g. <c>[3].unitsPassed</c>.</summary>
    /// <remarks>
    /// The body binds as raw JSON and is read here, after the access filter: a caller outside the facility or
    /// without the role learns 404 or 403 before anything about the shape of what they sent.
    /// </remarks>
    public static async Task<Created<ItemsOf<WorkRecord>>> Record(WorkOrderId id, JsonElement body, IOptions<JsonOptions> json, RequestContext request, CancellationToken ct)
    {
        var rows = body.Deserialize<List<NewWorkRecord?>>(json.Value.SerializerOptions) ?? throw ValidationFailedException.For("body", "must be a list of work records");
        var records = await WorkStore.RecordAsync(request.Session, request.Facility, id, rows, ct);
        return TypedResults.Created($"/api/v1/work-orders/{id}/records", new ItemsOf<WorkRecord>(records));
    }

    public static async Task<Ok<ItemsOf<WorkRecord>>> Records(WorkOrderId id, WorkStore work, RequestContext request, CancellationToken ct)
    {
        var records = await work.ListRecordsAsync(id, ct);
        request.Returns(records.Select(r => r.InmateId.Value));
        return TypedResults.Ok(new ItemsOf<WorkRecord>(records));
    }

    public static async Task<Created<WorkOrder>> Close(WorkOrderId id, CloseWorkOrder body, RequestContext request, CancellationToken ct)
    {
        var order = await WorkStore.CloseAsync(request.Session, request.Facility, id, body, ct);
        return TypedResults.Created($"/api/v1/work-orders/{id}", order);
    }

    public static async Task<Created<WorkRecord>> Reverse(WorkRecordId id, Reversal body, RequestContext request, CancellationToken ct)
    {
        var record = await WorkStore.ReverseRecordAsync(request.Session, request.Facility, id, body, ct);
        return TypedResults.Created($"/api/v1/work-orders/{record.WorkOrderId}/records", record);
    }
}
