using Ledger.Api.Web;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Sentences;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Inmates;

/// <summary>Warga binaan: registration, remisi, register F, transfer and release (admin writes; most roles read).</summary>
public static class InmateEndpoints
{
    /// <summary>The facility a person is in now, from the route's {id}.</summary>
    public static readonly LocateFacility FromRouteInmate = AccessFilter.FromRouteId<InmateId, InmateStore>("id", async (store, id, ct) => (await store.FacilityOfAsync(id, ct))?.Facility);

    public static void MapInmates(this RouteGroupBuilder api)
    {
        var byFacility = api.MapGroup("/facilities/{code}/inmates").WithTags("Inmates");
        byFacility.MapPost("/", Register).RequireAccess(Area.Inmates, Access.Write, AccessFilter.FromRouteCode).AsWrite().WithProblems(write: true);
        byFacility.MapGet("/", List).RequireAccess(Area.Inmates, Access.Read, AccessFilter.FromRouteCode).ReadsPeople("inmate-list").WithProblems(write: false);

        var byId = api.MapGroup("/inmates/{id}").WithTags("Inmates");
        byId.MapGet("/", Get).RequireAccess(Area.Inmates, Access.Read, FromRouteInmate).ReadsPersonFile("inmate").WithProblems(write: false);
        byId.MapPost("/remissions", GrantRemission).RequireAccess(Area.Inmates, Access.Write, FromRouteInmate).AsWrite().WithProblems(write: true);
        byId.MapPost("/discipline", RecordDiscipline).RequireAccess(Area.Inmates, Access.Write, FromRouteInmate).AsWrite().WithProblems(write: true);
        byId.MapPost("/transfer", Transfer).RequireAccess(Area.Inmates, Access.Write, FromRouteInmate).AsWrite().WithProblems(write: true);
        byId.MapPost("/release", Release).RequireAccess(Area.Inmates, Access.Write, FromRouteInmate).AsWrite().WithProblems(write: true);
    }

    public static async Task<Created<Inmate>> Register(string code, RegisterInmate body, InmateStore inmates, RequestContext request, CancellationToken ct)
    {
        var inmate = await inmates.RegisterAsync(request.Session, request.Facility, body, ct);
        return TypedResults.Created($"/api/v1/inmates/{inmate.Id}", inmate);
    }

    public static async Task<Ok<PageOf<Inmate>>> List(string code, InmateStore inmates, RequestContext request, CancellationToken ct, string? search = null, int page = 1, int pageSize = 50)
    {
        var errors = new FieldErrors();
        if (page < 1)
        {
            errors.Add("page", "must be 1 or more (pages are 1-based)");
        }
        if (pageSize is < 1 or > 500)
        {
            errors.Add("pageSize", "must be between 1 and 500");
        }
        errors.Text(search, "search", 200, required: false);
        errors.ThrowIfAny();
        var found = await inmates.ListAsync(request.Facility.Code, search, page, pageSize, ct);
        request.Returns(found.Items.Select(i => i.Id.Value), search);
        return TypedResults.Ok(found);
    }

    /// <summary>The person's file; register-F entries carry their description only for those who need to know it.</summary>
    public static async Task<Ok<InmateFile>> Get(InmateId id, InmateStore inmates, RequestContext request, CancellationToken ct)
    {
        var file = await inmates.GetFileAsync(id, ct) ?? throw new NotFoundException("The warga binaan");
        return TypedResults.Ok(request.MayKnow(Detail.DisciplineDescriptions) ? file : file.WithoutDisciplineDescriptions());
    }

    public static async Task<Created<Remission>> GrantRemission(InmateId id, GrantRemission body, RequestContext request, CancellationToken ct)
    {
        var remission = await InmateStore.GrantRemissionAsync(request.Session, request.Facility, id, body, ct);
        return TypedResults.Created($"/api/v1/inmates/{id}", remission);
    }

    public static async Task<Created<DisciplineEntry>> RecordDiscipline(InmateId id, RecordDiscipline body, RequestContext request, CancellationToken ct)
    {
        var entry = await InmateStore.RecordDisciplineAsync(request.Session, request.Facility, id, body, ct);
        return TypedResults.Created($"/api/v1/inmates/{id}", entry);
    }

    public static async Task<Created<InmateFile>> Transfer(InmateId id, TransferInmate body, FacilityStore facilities, RequestContext request, CancellationToken ct)
    {
        var to = string.IsNullOrWhiteSpace(body.ToFacility)
            ? throw ValidationFailedException.For("toFacility", "is required")
            : await facilities.GetAsync(body.ToFacility, ct);
        // The receiving facility is a second subject of the write: one where the caller may not register people answers
        // as an unknown one, naming nothing held there.
        if (to is null || Permissions.Decide(request.Caller, to, Area.Inmates, Access.Write) != Decision.Allowed)
        {
            throw ValidationFailedException.For("toFacility", $"no facility has the code '{body.ToFacility}'");
        }
        var file = await InmateStore.TransferAsync(request.Session, request.Facility, to, id, body, ct);
        return TypedResults.Created($"/api/v1/inmates/{id}", file);
    }

    public static async Task<Created<InmateFile>> Release(InmateId id, ReleaseInmate body, RequestContext request, CancellationToken ct)
    {
        // One Core operation: the release and the payout of both premi parts (closing the account) happen together or not at all.
        var file = await InmateRelease.ReleaseAsync(request.Session, request.Facility, id, body, ct);
        return TypedResults.Created($"/api/v1/inmates/{id}", file);
    }
}
