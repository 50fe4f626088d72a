using Ledger.Api.Web;
using Ledger.Core.Text;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Inmates;
using Ledger.Core.Pipeline;
using Ledger.Core.Sentences;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Inmates;

/// <summary>Warga binaan: registration, remisi, register F, transfer and release (admin writes; most roles read).</summary>
public static class InmateEndpoints
{
    public static void MapInmates(this RouteGroupBuilder api)
    {
        var byFacility = api.MapArea("/facilities/{code}/inmates", "Inmates", Area.Inmates);
        byFacility.MapPost("/", Register);
        byFacility.MapGet("/", List);

        var byId = api.MapArea("/inmates/{id}", "Inmates", Area.Inmates);
        byId.MapGet("/", Get);
        byId.MapPost("/remissions", GrantRemission);
        byId.MapPost("/discipline", RecordDiscipline);
        byId.MapPost("/transfer", Transfer);
        byId.MapPost("/release", Release);
    }

    /// <summary>The facility a person is in now.</summary>
    public static FindFacility InmateIn(InmateStore inmates, InmateId id) => Find.Of(async ct => (await inmates.FacilityOfAsync(id, ct))?.Facility);

    public static Task<Results<Written<Inmate>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> Register(
        string code, RegisterInmate body, InmateStore inmates, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(Find.Facility(code), async operation =>
        {
            var inmate = await inmates.RegisterAsync(operation.Session, operation.Facility, body, ct);
            return Written.Created($"/api/v1/inmates/{inmate.Id}", inmate);
        });

    public static Task<Results<Ok<PageOf<Inmate>>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> List(string code, InmateStore inmates, ApiCall call,
        CancellationToken ct, string? search = null, int page = 1, int pageSize = 50) =>
        call.ReadAsync(Find.Facility(code), async operation =>
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
            var found = await inmates.ListAsync(operation.Facility.Code, search, page, pageSize, ct);
            operation.Returns(found.Items.Select(i => i.Id.Value), search);
            return TypedResults.Ok(found);
        }, Audited.People("inmate-list"));

    /// <summary>The person's file; register-F entries carry their description only for those who need to know it.</summary>
    public static Task<Results<Ok<InmateFile>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Get(InmateId id, InmateStore inmates, ApiCall call, CancellationToken ct) =>
        call.ReadAsync(InmateIn(inmates, id), async operation =>
        {
            var file = await inmates.GetFileAsync(id, ct) ?? throw new NotFoundException(Things.Inmate);
            return TypedResults.Ok(operation.MayKnow(Detail.DisciplineDescriptions) ? file : file.WithoutDisciplineDescriptions());
        }, Audited.PersonFile("inmate"));

    public static Task<Results<Written<Remission>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> GrantRemission(
        InmateId id, GrantRemission body, InmateStore inmates, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(InmateIn(inmates, id), async operation =>
        {
            var remission = await InmateStore.GrantRemissionAsync(operation.Session, operation.Facility, id, body, ct);
            return Written.Created($"/api/v1/inmates/{id}", remission);
        });

    public static Task<Results<Written<DisciplineEntry>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> RecordDiscipline(
        InmateId id, RecordDiscipline body, InmateStore inmates, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(InmateIn(inmates, id), async operation =>
        {
            var entry = await InmateStore.RecordDisciplineAsync(operation.Session, operation.Facility, id, body, ct);
            return Written.Created($"/api/v1/inmates/{id}", entry);
        });

    public static Task<Results<Written<InmateFile>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> Transfer(
        InmateId id, TransferInmate body, InmateStore inmates, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(InmateIn(inmates, id), async operation =>
        {
            // The receiving facility is a second subject of the write: one where the caller may not register people
            // answers as an unknown one, naming nothing held there.
            var to = string.IsNullOrWhiteSpace(body.ToFacility)
                ? throw ValidationFailedException.For("toFacility", Fields.IsRequired)
                : await operation.ReachAsync(body.ToFacility, Area.Inmates, Access.Write, ct)
                  ?? throw ValidationFailedException.For("toFacility", Catalogue.Fill(Fields.NoFacilityWithCode, body.ToFacility));
            var file = await InmateStore.TransferAsync(operation.Session, operation.Facility, to, id, body, ct);
            return Written.Created($"/api/v1/inmates/{id}", file);
        });

    /// <summary>Records the release; the premi payout is finance's later step (POST /inmates/{id}/premi/payout).</summary>
    public static Task<Results<Written<InmateFile>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> Release(
        InmateId id, ReleaseInmate body, InmateStore inmates, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(InmateIn(inmates, id), async operation =>
        {
            var file = await InmateStore.ReleaseAsync(operation.Session, operation.Facility, id, body, ct);
            return Written.Created($"/api/v1/inmates/{id}", file);
        });
}
