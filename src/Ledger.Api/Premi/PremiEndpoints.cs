using Ledger.Api.Facilities;
using Ledger.Api.Web;
using Ledger.Core.Text;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Inmates;
using Ledger.Core.Pipeline;
using Ledger.Core.Premi;
using Ledger.Core.Work;
using Microsoft.AspNetCore.Http.HttpResults;
using static Ledger.Api.Inmates.InmateEndpoints;

namespace Ledger.Api.Premi;

/// <summary>Premi schemes, runs (draft, approval by a second finance user, cancel), accounts, withdrawals and reversals.</summary>
public static class PremiEndpoints
{
    public static void MapPremi(this RouteGroupBuilder api)
    {
        var schemes = api.MapArea("/facilities/{code}/premi-schemes", "Premi", Area.Premi);
        schemes.MapPost("/", CreateScheme);
        schemes.MapGet("/", ListSchemes);
        var scheme = api.MapArea("/premi-schemes/{id}", "Premi", Area.Premi);
        scheme.MapGet("/", GetScheme);
        scheme.MapPost("/versions", AddVersion);

        var runs = api.MapArea("/facilities/{code}/premi-runs", "Premi", Area.Premi);
        runs.MapPost("/", CreateRun);
        runs.MapGet("/", ListRuns);
        var run = api.MapArea("/premi-runs/{id}", "Premi", Area.Premi);
        run.MapGet("/", GetRun);
        run.MapGet("/lines.csv", LinesCsv).Produces<string>(StatusCodes.Status200OK, "text/csv");
        run.MapGet("/payment-list", PaymentListFile).Produces<string>(StatusCodes.Status200OK, PaymentList.XlsxMediaType, PaymentList.CsvMediaType);
        run.MapPost("/approval", Approve);
        run.MapPost("/cancellation", Cancel);

        var account = api.MapArea("/inmates/{id}/premi", "Premi", Area.Premi);
        account.MapGet("/", GetAccount).WithArea(Area.PremiBalances);
        account.MapPost("/withdrawals", Withdraw);
        account.MapPost("/payout", PayOut);

        api.MapArea("/premi-entries/{id}", "Premi", Area.Premi).MapPost("/reversal", ReverseEntry);
    }

    private static FindFacility SchemeIn(PremiSchemeStore schemes, PremiSchemeId id) => Find.Of(ct => schemes.FacilityOfSchemeAsync(id, ct));

    private static FindFacility RunIn(PremiRunStore runs, PremiRunId id) => Find.Of(ct => runs.FacilityOfRunAsync(id, ct));

    public static Task<Results<Written<PremiScheme>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> CreateScheme(
        string code, PremiSchemeInput body, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(Find.Facility(code), async operation =>
        {
            var scheme = await PremiSchemeStore.CreateSchemeAsync(operation.Session, operation.Facility, body, ct);
            return Written.Created($"/api/v1/premi-schemes/{scheme.Id}", scheme);
        });

    public static Task<Results<Ok<ItemsOf<PremiScheme>>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> ListSchemes(string code, PremiSchemeStore premi, ApiCall call, CancellationToken ct) =>
        call.ReadAsync(Find.Facility(code), async operation => TypedResults.Ok(new ItemsOf<PremiScheme>(await premi.ListSchemesAsync(operation.Facility.Code, ct))));

    public static Task<Results<Ok<PremiScheme>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> GetScheme(PremiSchemeId id, PremiSchemeStore premi, ApiCall call, CancellationToken ct) =>
        call.ReadAsync(SchemeIn(premi, id), async _ => TypedResults.Ok(await premi.GetSchemeAsync(id, ct) ?? throw new NotFoundException(Things.PremiScheme)));

    /// <summary>A change of terms is the scheme's next version; runs keep naming the version they used.</summary>
    public static Task<Results<Written<PremiScheme>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> AddVersion(
        PremiSchemeId id, PremiSchemeInput body, PremiSchemeStore premi, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(SchemeIn(premi, id), async operation =>
        {
            var scheme = await PremiSchemeStore.AddVersionAsync(operation.Session, operation.Facility, id, body, ct);
            return Written.Created($"/api/v1/premi-schemes/{id}", scheme);
        });

    /// <summary>Computes a draft run; nothing is posted until another finance user approves it.</summary>
    public static Task<Results<Written<PremiRun>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> CreateRun(
        string code, NewPremiRun body, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(Find.Facility(code), async operation =>
        {
            var run = await PremiRunStore.CreateRunAsync(operation.Session, operation.Facility, body, ct);
            return Written.Created($"/api/v1/premi-runs/{run.Id}", run);
        });

    /// <summary>The facility's runs with their totals; the lines (and so the people) are in each run's own answer.</summary>
    public static Task<Results<Ok<ItemsOf<PremiRun>>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> ListRuns(string code, PremiRunStore premi, ApiCall call, CancellationToken ct) =>
        call.ReadAsync(Find.Facility(code), async operation => TypedResults.Ok(new ItemsOf<PremiRun>(await premi.ListRunsAsync(operation.Facility.Code, ct))));

    public static Task<Results<Ok<PremiRun>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> GetRun(PremiRunId id, PremiRunStore premi, ApiCall call, CancellationToken ct) =>
        call.ReadAsync(RunIn(premi, id), async operation =>
        {
            var run = await premi.GetRunAsync(id, ct) ?? throw new NotFoundException(Things.PremiRun);
            operation.Returns(People(run));
            return TypedResults.Ok(run);
        }, Audited.People("premi-run"));

    /// <summary>The run's lines as comma-separated CSV (any status, to review a draft too): the same writer as the payment list's, with a comma.</summary>
    public static Task<Results<FileContentHttpResult, ValidationProblem, ForbiddenProblem, NotFoundProblem>> LinesCsv(PremiRunId id, PremiRunStore premi, ApiCall call, CancellationToken ct) =>
        call.ReadAsync(RunIn(premi, id), async operation =>
        {
            var run = await premi.GetRunAsync(id, ct) ?? throw new NotFoundException(Things.PremiRun);
            operation.Returns(run.Lines.Select(l => l.InmateId.Value));
            var list = PaymentList.Of(run, operation.Facility);
            return TypedResults.File(PaymentListCsv.Write(list, PaymentListCsv.Comma), "text/csv; charset=utf-8", PaymentListCsv.LinesFileName(list));
        }, Audited.People("premi-run-lines"));

    /// <summary>
    /// The payment list of an approved run, as xlsx or as CSV for Indonesian Excel: <c>format</c> decides, else the
    /// <c>Accept</c> header (xlsx unless it asks for text/csv and not xlsx). A draft or cancelled run has nothing to pay: 409.
    /// </summary>
    public static Task<Results<Results<FileContentHttpResult, ConflictProblem>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> PaymentListFile(
        PremiRunId id, PremiRunStore premi, ApiCall call, HttpRequest request, CancellationToken ct, string? format = null) =>
        call.ReadAsync(RunIn(premi, id), async operation =>
        {
            var csv = PaymentList.WantsCsv(format, request.Headers.Accept);
            var run = await premi.GetRunAsync(id, ct) ?? throw new NotFoundException(Things.PremiRun);
            if (PaymentList.NothingToPay(run) is { } reason)
            {
                return (Results<FileContentHttpResult, ConflictProblem>)Problems.Conflict(reason);
            }
            operation.Returns(run.Lines.Select(l => l.InmateId.Value));
            var list = PaymentList.Of(run, operation.Facility);
            return csv
                ? TypedResults.File(PaymentListCsv.Write(list), PaymentList.CsvMediaType + "; charset=utf-8", list.FileName("csv"))
                : TypedResults.File(PaymentListXlsx.Write(list), PaymentList.XlsxMediaType, list.FileName("xlsx"));
        }, Audited.People("premi-payment-list"));

    /// <summary>Everyone a run names: its lines and the records it left out.</summary>
    private static IEnumerable<Guid> People(PremiRun run) =>
        run.Lines.Select(l => l.InmateId.Value).Concat(run.Excluded.Select(e => e.InmateId.Value));

    /// <summary>Posts every line to the ledger once; the approver must not be the user who computed the draft.</summary>
    public static Task<Results<Written<PremiRun>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> Approve(
        PremiRunId id, ApprovePremiRun? body, PremiRunStore premi, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(RunIn(premi, id), async operation =>
        {
            var run = await PremiRunStore.ApproveAsync(operation.Session, operation.Facility, id, body, ct);
            return Written.Created($"/api/v1/premi-runs/{id}", run);
        });

    public static Task<Results<Written<PremiRun>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> Cancel(
        PremiRunId id, CancelPremiRun body, PremiRunStore premi, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(RunIn(premi, id), async operation =>
        {
            var run = await PremiRunStore.CancelAsync(operation.Session, operation.Facility, id, body, ct);
            return Written.Created($"/api/v1/premi-runs/{id}", run);
        });

    public static Task<Results<Ok<PremiAccount>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> GetAccount(InmateId id, InmateStore inmates, PremiAccountStore premi,
        ApiCall call, CancellationToken ct) =>
        call.ReadAsync(InmateIn(inmates, id), async _ => TypedResults.Ok(await premi.GetAccountAsync(id, ct)), Audited.PersonFile("premi-account"));

    /// <summary>A withdrawal from one part; beyond the balance it answers 409 and writes nothing.</summary>
    public static Task<Results<Written<PremiEntry>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> Withdraw(
        InmateId id, NewWithdrawal body, InmateStore inmates, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(InmateIn(inmates, id), async operation =>
        {
            var entry = await PremiAccountStore.WithdrawAsync(operation.Session, operation.Facility, id, body, ct);
            return Written.Created($"/api/v1/inmates/{id}/premi", entry);
        });

    /// <summary>Pays out both parts of a released person's account (finance, after admin recorded the release), once.</summary>
    public static Task<Results<Written<ReleasePayout>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> PayOut(
        InmateId id, PayOutRelease? body, InmateStore inmates, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(InmateIn(inmates, id), async operation =>
        {
            var payout = await PremiAccountStore.PayOutReleaseAsync(operation.Session, operation.Facility, id, body, ct);
            return Written.Created($"/api/v1/inmates/{id}/premi", payout);
        });

    public static Task<Results<Written<PremiEntry>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> ReverseEntry(
        PremiEntryId id, Reversal body, PremiAccountStore premi, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(Find.Of(token => premi.FacilityOfEntryAsync(id, token)), async operation =>
        {
            var entry = await PremiAccountStore.ReverseEntryAsync(operation.Session, operation.Facility, id, body, ct);
            return Written.Created($"/api/v1/premi-entries/{entry.Id}", entry);
        });
}
