using Ledger.Api.Web;
using Ledger.Web.ReadinessPages;
using Ledger.Core.Text;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Inmates;
using Ledger.Core.Pipeline;
using Ledger.Core.Readiness;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using static Ledger.Api.Inmates.InmateEndpoints;

namespace Ledger.Api.Readiness;

/// <summary>Release readiness: a person's summary, the printable release file and the facility's release worklist.</summary>
public static class ReadinessEndpoints
{
    public static void MapReadiness(this RouteGroupBuilder api)
    {
        var person = api.MapArea("/inmates/{id}", "Readiness", Area.Readiness);
        person.MapGet("/release-readiness", Summary);
        person.MapGet("/release-file", ReleaseFile).Produces<string>(StatusCodes.Status200OK, "text/html").WithContentSecurityPolicy(ReleaseFilePage.ContentSecurityPolicy);
        api.MapArea("/facilities/{code}/releases", "Readiness", Area.Readiness).MapGet("/", Worklist);
        person.MapGet("/usulan", UsulanHistory);
        person.MapPost("/usulan", RecordUsulan);
    }

    /// <summary>Every step of the person's usulan (parole and leave applications), oldest first, and the current step per right.</summary>
    public static Task<Results<Ok<UsulanView>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> UsulanHistory(InmateId id, InmateStore inmates, UsulanStore usulan,
        ApiCall call, CancellationToken ct) =>
        call.ReadAsync(InmateIn(inmates, id), async operation =>
        {
            var history = await usulan.HistoryAsync(id, ct);
            return TypedResults.Ok(new UsulanView(history.Events, history.Current));
        }, Audited.PersonFile("usulan"));

    /// <summary>Records the next step of the person's usulan for a right; a step that may not follow the current one is refused at <c>state</c>.</summary>
    public static Task<Results<Written<UsulanEvent>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> RecordUsulan(
        InmateId id, RecordUsulan body, InmateStore inmates, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(InmateIn(inmates, id), async operation =>
            Written.Created($"/api/v1/inmates/{id}/usulan", await UsulanStore.RecordAsync(operation.Session, operation.Facility, id, body, ct)));

    /// <summary>The summary as of <paramref name="asOf"/> (default: today in the facility's zone).</summary>
    public static Task<Results<Ok<ReadinessSummary>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Summary(InmateId id, InmateStore inmates, ReadinessStore readiness,
        ApiCall call, CancellationToken ct, string? asOf = null) =>
        call.ReadAsync(InmateIn(inmates, id), async operation => TypedResults.Ok(await EvaluateAsync(id, readiness, operation, asOf, ct)),
            Audited.PersonFile("release-readiness"));

    /// <summary>The release file: one printable HTML page in Bahasa Indonesia.</summary>
    /// <remarks>A draft: no letter number (a numbered printing is the staff pages' job); the officer's name and NIP from their profile.</remarks>
    public static Task<Results<ContentHttpResult, ValidationProblem, ForbiddenProblem, NotFoundProblem>> ReleaseFile(InmateId id, InmateStore inmates, ReadinessStore readiness,
        ReleaseLetterStore letters, ApiCall call, HttpContext http, CancellationToken ct, string? asOf = null) =>
        call.ReadAsync(InmateIn(inmates, id), async operation =>
        {
            var summary = await EvaluateAsync(id, readiness, operation, asOf, ct);
            var signatures = await letters.DraftAsync(operation.Facility, operation.Caller.UserSub, operation.Caller.UserSub, ct);
            var html = await ReleaseFilePage.RenderAsync(http.RequestServices, summary, operation.Today, operation.Caller.UserSub, operation.MayKnow(Detail.DisciplineDescriptions),
                signatures: signatures);
            return TypedResults.Content(html, "text/html; charset=utf-8");
        }, Audited.PersonFile("release-file"));

    /// <summary>Who reaches expiry or a release right within <paramref name="withinDays"/> days, soonest first.</summary>
    public static Task<Results<Ok<Worklist>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Worklist(string code, ReadinessStore readiness, ApiCall call,
        CancellationToken ct, int withinDays = 90) =>
        call.ReadAsync(Find.Facility(code), async operation =>
        {
            if (withinDays is < 0 or > 3650)
            {
                throw ValidationFailedException.For("withinDays", Catalogue.Fill(Fields.MustBeBetween, 0, 3650));
            }
            var today = operation.Today;
            var items = await readiness.WorklistAsync(operation, today, withinDays, ct);
            operation.Returns(items.Select(i => i.InmateId.Value));
            return TypedResults.Ok(new Worklist(operation.Facility.Code, today, withinDays, items));
        }, Audited.People("release-worklist"));

    private static async Task<ReadinessSummary> EvaluateAsync(InmateId id, ReadinessStore readiness, OperationContext operation, string? asOf, CancellationToken ct)
    {
        var day = QueryValues.Date(asOf, "asOf") ?? operation.Today;
        return await readiness.SummaryForAsync(operation, id, day, ct);
    }
}

/// <summary>A person's usulan: every step, oldest first, and the current step of each right that has one.</summary>
public sealed record UsulanView(IReadOnlyList<UsulanEvent> Events, IReadOnlyList<UsulanEvent> Current);

/// <summary>The release worklist of a facility on a day.</summary>
public sealed record Worklist(string Facility, LocalDate Today, int WithinDays, IReadOnlyList<WorklistItem> Items);
