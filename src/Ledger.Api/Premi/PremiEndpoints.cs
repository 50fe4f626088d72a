using Ledger.Api.Facilities;
using Ledger.Api.Inmates;
using Ledger.Api.Web;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using Ledger.Core.Work;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Premi;

/// <summary>Premi schemes, runs (draft, approval by a second finance user, cancel), accounts, withdrawals and reversals.</summary>
public static class PremiEndpoints
{
    public static readonly LocateFacility FromRouteScheme = AccessFilter.FromRouteId<PremiSchemeId, PremiSchemeStore>("id", (store, id, ct) => store.FacilityOfSchemeAsync(id, ct));

    public static readonly LocateFacility FromRouteRun = AccessFilter.FromRouteId<PremiRunId, PremiRunStore>("id", (store, id, ct) => store.FacilityOfRunAsync(id, ct));

    public static readonly LocateFacility FromRouteEntry = AccessFilter.FromRouteId<PremiEntryId, PremiAccountStore>("id", (store, id, ct) => store.FacilityOfEntryAsync(id, ct));

    public static void MapPremi(this RouteGroupBuilder api)
    {
        var schemes = api.MapGroup("/facilities/{code}/premi-schemes").WithTags("Premi");
        schemes.MapPost("/", CreateScheme).RequireAccess(Area.Premi, Access.Write, AccessFilter.FromRouteCode).AsWrite().WithProblems(write: true);
        schemes.MapGet("/", ListSchemes).RequireAccess(Area.Premi, Access.Read, AccessFilter.FromRouteCode).WithProblems(write: false);
        var scheme = api.MapGroup("/premi-schemes/{id}").WithTags("Premi");
        scheme.MapGet("/", GetScheme).RequireAccess(Area.Premi, Access.Read, FromRouteScheme).WithProblems(write: false);
        scheme.MapPost("/versions", AddVersion).RequireAccess(Area.Premi, Access.Write, FromRouteScheme).AsWrite().WithProblems(write: true);

        var runs = api.MapGroup("/facilities/{code}/premi-runs").WithTags("Premi");
        runs.MapPost("/", CreateRun).RequireAccess(Area.Premi, Access.Write, AccessFilter.FromRouteCode).AsWrite().WithProblems(write: true);
        runs.MapGet("/", ListRuns).RequireAccess(Area.Premi, Access.Read, AccessFilter.FromRouteCode).WithProblems(write: false);
        var run = api.MapGroup("/premi-runs/{id}").WithTags("Premi");
        run.MapGet("/", GetRun).RequireAccess(Area.Premi, Access.Read, FromRouteRun).ReadsPeople("premi-run").WithProblems(write: false);
        run.MapGet("/lines.csv", LinesCsv).RequireAccess(Area.Premi, Access.Read, FromRouteRun).ReadsPeople("premi-run-lines").WithProblems(write: false)
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        run.MapPost("/approval", Approve).RequireAccess(Area.Premi, Access.Write, FromRouteRun).AsWrite().WithProblems(write: true);
        run.MapPost("/cancellation", Cancel).RequireAccess(Area.Premi, Access.Write, FromRouteRun).AsWrite().WithProblems(write: true);

        var account = api.MapGroup("/inmates/{id}/premi").WithTags("Premi");
        account.MapGet("/", GetAccount).RequireAccess(Area.PremiBalances, Access.Read, InmateEndpoints.FromRouteInmate).ReadsPersonFile("premi-account").WithProblems(write: false);
        account.MapPost("/withdrawals", Withdraw).RequireAccess(Area.Premi, Access.Write, InmateEndpoints.FromRouteInmate).AsWrite().WithProblems(write: true);

        api.MapPost("/premi-entries/{id}/reversal", ReverseEntry).WithTags("Premi")
            .RequireAccess(Area.Premi, Access.Write, FromRouteEntry).AsWrite().WithProblems(write: true);
    }

    public static async Task<Created<PremiScheme>> CreateScheme(string code, PremiSchemeInput body, RequestContext request, CancellationToken ct)
    {
        var scheme = await PremiSchemeStore.CreateSchemeAsync(request.Session, request.Facility, body, ct);
        return TypedResults.Created($"/api/v1/premi-schemes/{scheme.Id}", scheme);
    }

    public static async Task<Ok<ItemsOf<PremiScheme>>> ListSchemes(string code, PremiSchemeStore premi, RequestContext request, CancellationToken ct) =>
        TypedResults.Ok(new ItemsOf<PremiScheme>(await premi.ListSchemesAsync(request.Facility.Code, ct)));

    public static async Task<Ok<PremiScheme>> GetScheme(PremiSchemeId id, PremiSchemeStore premi, CancellationToken ct) =>
        TypedResults.Ok(await premi.GetSchemeAsync(id, ct) ?? throw new NotFoundException("The premi scheme"));

    /// <summary>A change of terms is the scheme's next version; runs keep naming the version they used.</summary>
    public static async Task<Created<PremiScheme>> AddVersion(PremiSchemeId id, PremiSchemeInput body, RequestContext request, CancellationToken ct)
    {
        var scheme = await PremiSchemeStore.AddVersionAsync(request.Session, request.Facility, id, body, ct);
        return TypedResults.Created($"/api/v1/premi-schemes/{id}", scheme);
    }

    /// <summary>Computes a draft run; nothing is posted until another finance user approves it.</summary>
    public static async Task<Created<PremiRun>> CreateRun(string code, NewPremiRun body, RequestContext request, CancellationToken ct)
    {
        var run = await PremiRunStore.CreateRunAsync(request.Session, request.Facility, body, ct);
        return TypedResults.Created($"/api/v1/premi-runs/{run.Id}", run);
    }

    /// <summary>The facility's runs with their totals; the lines (and so the people) are in each run's own answer.</summary>
    public static async Task<Ok<ItemsOf<PremiRun>>> ListRuns(string code, PremiRunStore premi, RequestContext request, CancellationToken ct) =>
        TypedResults.Ok(new ItemsOf<PremiRun>(await premi.ListRunsAsync(request.Facility.Code, ct)));

    public static async Task<Ok<PremiRun>> GetRun(PremiRunId id, PremiRunStore premi, RequestContext request, CancellationToken ct)
    {
        var run = await premi.GetRunAsync(id, ct) ?? throw new NotFoundException("The premi run");
        request.Returns(People(run));
        return TypedResults.Ok(run);
    }

    /// <summary>The payment list to sign: Bahasa Indonesia headers, a TOTAL row, UTF-8 with a byte-order mark.</summary>
    public static async Task<FileContentHttpResult> LinesCsv(PremiRunId id, PremiRunStore premi, RequestContext request, CancellationToken ct)
    {
        var run = await premi.GetRunAsync(id, ct) ?? throw new NotFoundException("The premi run");
        request.Returns(run.Lines.Select(l => l.InmateId.Value));
        return TypedResults.File(PremiCsv.Write(run), "text/csv; charset=utf-8", PremiCsv.FileName(run));
    }

    /// <summary>Everyone a run names: its lines and the records it left out.</summary>
    private static IEnumerable<Guid> People(PremiRun run) =>
        run.Lines.Select(l => l.InmateId.Value).Concat(run.Excluded.Select(e => e.InmateId.Value));

    /// <summary>Posts every line to the ledger once; the approver must not be the user who computed the draft.</summary>
    public static async Task<Created<PremiRun>> Approve(PremiRunId id, ApprovePremiRun? body, RequestContext request, CancellationToken ct)
    {
        var run = await PremiRunStore.ApproveAsync(request.Session, request.Facility, id, body, ct);
        return TypedResults.Created($"/api/v1/premi-runs/{id}", run);
    }

    public static async Task<Created<PremiRun>> Cancel(PremiRunId id, CancelPremiRun body, RequestContext request, CancellationToken ct)
    {
        var run = await PremiRunStore.CancelAsync(request.Session, request.Facility, id, body, ct);
        return TypedResults.Created($"/api/v1/premi-runs/{id}", run);
    }

    public static async Task<Ok<PremiAccount>> GetAccount(InmateId id, PremiAccountStore premi, CancellationToken ct) =>
        TypedResults.Ok(await premi.GetAccountAsync(id, ct));

    /// <summary>A withdrawal from one part; beyond the balance it answers 409 and writes nothing.</summary>
    public static async Task<Created<PremiEntry>> Withdraw(InmateId id, NewWithdrawal body, RequestContext request, CancellationToken ct)
    {
        var entry = await PremiAccountStore.WithdrawAsync(request.Session, request.Facility, id, body, ct);
        return TypedResults.Created($"/api/v1/inmates/{id}/premi", entry);
    }

    public static async Task<Created<PremiEntry>> ReverseEntry(PremiEntryId id, Reversal body, RequestContext request, CancellationToken ct)
    {
        var entry = await PremiAccountStore.ReverseEntryAsync(request.Session, request.Facility, id, body, ct);
        return TypedResults.Created($"/api/v1/premi-entries/{entry.Id}", entry);
    }
}
