using Ledger.Api.Facilities;
using Ledger.Api.Inmates;
using Ledger.Api.Web;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Inmates;
using Ledger.Core.Skills;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Ledger.Api.Skills;

/// <summary>The skills ledger: programmes, training (one by one, by session, by CSV), reversals, certificates and their views (bimker writes).</summary>
public static class SkillEndpoints
{
    /// <summary>A CSV of a million rows is about 35 MB; Kestrel's default limit (about 28.6 MB) would refuse it.</summary>
    public const long MaxImportBytes = 64L * 1024 * 1024;

    private static readonly string[] CsvMediaTypes = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream"];

    /// <summary>The facility a training entry's person is in now, from the route's {entryId}.</summary>
    public static readonly LocateFacility FromRouteEntry = AccessFilter.FromRouteId<TrainingEntryId, TrainingStore>("entryId", (store, id, ct) => store.FacilityOfEntryAsync(id, ct));

    /// <summary>The facility a certificate's person is in now, from the route's {id}.</summary>
    public static readonly LocateFacility FromRouteCertificate = AccessFilter.FromRouteId<CertificateId, CertificateStore>("id", (store, id, ct) => store.FacilityOfAsync(id, ct));

    public static void MapSkills(this RouteGroupBuilder api)
    {
        var facility = api.MapGroup("/facilities/{code}").WithTags("Skills");
        facility.MapPost("/programmes", CreateProgramme).RequireAccess(Area.Skills, Access.Write, AccessFilter.FromRouteCode).AsWrite().WithProblems(write: true);
        facility.MapGet("/programmes", ListProgrammes).RequireAccess(Area.Skills, Access.Read, AccessFilter.FromRouteCode).WithProblems(write: false);
        facility.MapPost("/programmes/{programmeCode}/revisions", ReviseProgramme).RequireAccess(Area.Skills, Access.Write, AccessFilter.FromRouteCode).AsWrite().WithProblems(write: true);
        facility.MapPost("/programmes/{programmeCode}/retirement", RetireProgramme).RequireAccess(Area.Skills, Access.Write, AccessFilter.FromRouteCode).AsWrite().WithProblems(write: true);
        facility.MapPost("/training-sessions", RecordSession).RequireAccess(Area.Skills, Access.Write, AccessFilter.FromRouteCode).AsWrite().WithProblems(write: true);
        facility.MapPost("/imports/training", ImportTraining).RequireAccess(Area.Skills, Access.Write, AccessFilter.FromRouteCode).AsWrite().WithProblems(write: true)
            .Accepts<string>("text/csv").ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .WithDescription("Header registrationNumber,programmeCode,date,minutes (optional note), comma or semicolon, UTF-8 with or without BOM. " +
                             "All rows or none: a refused file answers 400 with every bad cell under errors (\"line 7: date\") and in rows.");

        var inmate = api.MapGroup("/inmates/{id}").WithTags("Skills");
        inmate.MapPost("/training", RecordTraining).RequireAccess(Area.Skills, Access.Write, InmateEndpoints.FromRouteInmate).AsWrite().WithProblems(write: true);
        inmate.MapGet("/training", ListTraining).RequireAccess(Area.Skills, Access.Read, InmateEndpoints.FromRouteInmate).ReadsPersonFile("training").WithProblems(write: false);
        inmate.MapGet("/skills", PersonSkills).RequireAccess(Area.Skills, Access.Read, InmateEndpoints.FromRouteInmate).ReadsPersonFile("skills").WithProblems(write: false);
        inmate.MapPost("/certificates", IssueCertificate).RequireAccess(Area.Skills, Access.Write, InmateEndpoints.FromRouteInmate).AsWrite().WithProblems(write: true);
        inmate.MapGet("/certificates", ListCertificates).RequireAccess(Area.Skills, Access.Read, InmateEndpoints.FromRouteInmate).ReadsPersonFile("certificates").WithProblems(write: false);

        api.MapPost("/training/{entryId}/reversal", Reverse).WithTags("Skills")
            .RequireAccess(Area.Skills, Access.Write, FromRouteEntry).AsWrite().WithProblems(write: true);
        api.MapPost("/certificates/{id}/revocation", Revoke).WithTags("Skills")
            .RequireAccess(Area.Skills, Access.Write, FromRouteCertificate).AsWrite().WithProblems(write: true);
    }

    public static async Task<Created<Programme>> CreateProgramme(string code, NewProgramme body, RequestContext request, CancellationToken ct)
    {
        var programme = await ProgrammeStore.CreateAsync(request.Session, request.Facility, body, ct);
        return TypedResults.Created($"/api/v1/facilities/{code}/programmes", programme);
    }

    public static async Task<Ok<ItemsOf<Programme>>> ListProgrammes(string code, ProgrammeStore programmes, RequestContext request, CancellationToken ct) =>
        TypedResults.Ok(new ItemsOf<Programme>(await programmes.ListAsync(request.Facility.Code, ct)));

    public static async Task<Created<Programme>> RetireProgramme(string code, string programmeCode, RetireProgramme body, RequestContext request, CancellationToken ct)
    {
        var programme = await ProgrammeStore.RetireAsync(request.Session, request.Facility, programmeCode, body, ct);
        return TypedResults.Created($"/api/v1/facilities/{code}/programmes", programme);
    }

    public static async Task<Created<RevisedProgramme>> ReviseProgramme(string code, string programmeCode, ReviseProgramme body, RequestContext request, CancellationToken ct)
    {
        var revised = await ProgrammeStore.ReviseAsync(request.Session, request.Facility, programmeCode, body, ct);
        return TypedResults.Created($"/api/v1/facilities/{code}/programmes", revised);
    }

    public static async Task<Created<TrainingEntry>> RecordTraining(InmateId id, RecordTraining body, RequestContext request, CancellationToken ct)
    {
        var entry = await TrainingStore.RecordAsync(request.Session, request.Facility, id, body, ct);
        return TypedResults.Created($"/api/v1/inmates/{id}/training", entry);
    }

    public static async Task<Created<SessionRecorded>> RecordSession(string code, RecordSession body, RequestContext request, CancellationToken ct)
    {
        var recorded = await TrainingStore.RecordSessionAsync(request.Session, request.Facility, body, ct);
        return TypedResults.Created((string?)null, recorded);
    }

    /// <summary>Reads the raw body as CSV; any refused row answers 400 with all problems, and the write filter rolls everything back.</summary>
    public static async Task<Results<Created<TrainingImported>, ValidationProblem, ProblemHttpResult>> ImportTraining(string code, HttpRequest http, RequestContext request, CancellationToken ct)
    {
        var mediaType = http.ContentType?.Split(';')[0].Trim();
        if (!string.IsNullOrEmpty(mediaType) && !CsvMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Send the file as text/csv, not {mediaType}.");
        }
        // The write filter may have read the body already to hash it for the Idempotency-Key.
        if (http.Body.CanSeek)
        {
            http.Body.Position = 0;
        }
        var outcome = await TrainingImportStore.ImportAsync(request.Session, request.Facility, http.Body, ct);
        if (outcome.Imported is { } imported)
        {
            return TypedResults.Created((string?)null, imported);
        }
        var errors = outcome.Problems.GroupBy(p => p.ErrorKey()).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray());
        var listed = outcome.Problems.Count < outcome.ProblemCount ? $" The first {outcome.Problems.Count} are listed." : "";
        return TypedResults.ValidationProblem(errors, title: "The file was refused; nothing was imported",
            detail: $"{outcome.ProblemCount} problem(s) in {outcome.Rows} row(s).{listed}",
            extensions: new Dictionary<string, object?> { ["rows"] = outcome.Problems, ["problemCount"] = outcome.ProblemCount, ["rowCount"] = outcome.Rows });
    }

    public static async Task<Ok<ItemsOf<TrainingEntry>>> ListTraining(InmateId id, TrainingStore training, CancellationToken ct, string? from = null, string? to = null)
    {
        var (first, last) = QueryValues.Period(from, to);
        return TypedResults.Ok(new ItemsOf<TrainingEntry>(await training.ListAsync(id, first, last, ct)));
    }

    public static async Task<Ok<PersonSkills>> PersonSkills(InmateId id, TrainingStore training, RequestContext request, CancellationToken ct, string? from = null, string? to = null)
    {
        var (first, last) = QueryValues.Period(from, to);
        return TypedResults.Ok(await training.PersonSkillsAsync(id, request.Today, first, last, ct));
    }

    public static async Task<Created<TrainingReversal>> Reverse(TrainingEntryId entryId, ReverseTraining body, RequestContext request, CancellationToken ct)
    {
        var reversal = await TrainingStore.ReverseAsync(request.Session, request.Facility, entryId, body, ct);
        return TypedResults.Created((string?)null, reversal);
    }

    public static async Task<Created<Certificate>> IssueCertificate(InmateId id, IssueCertificate body, RequestContext request, CancellationToken ct)
    {
        var certificate = await CertificateStore.IssueAsync(request.Session, request.Facility, id, body, ct);
        return TypedResults.Created($"/api/v1/inmates/{id}/certificates", certificate);
    }

    public static async Task<Ok<CertificateList>> ListCertificates(InmateId id, TrainingStore training, RequestContext request, CancellationToken ct)
    {
        // The person's skills view judges each certificate today and on the expected release day.
        var skills = await training.PersonSkillsAsync(id, request.Today, null, null, ct);
        return TypedResults.Ok(new CertificateList(skills.Today, skills.ExpectedReleaseOn, skills.Certificates));
    }

    public static async Task<Created<Certificate>> Revoke(CertificateId id, RevokeCertificate body, RequestContext request, CancellationToken ct)
    {
        var certificate = await CertificateStore.RevokeAsync(request.Session, request.Facility, id, body, ct);
        return TypedResults.Created((string?)null, certificate);
    }
}

/// <summary>A person's certificates with their validity today and at the expected release.</summary>
public sealed record CertificateList(LocalDate Today, LocalDate ExpectedReleaseOn, IReadOnlyList<CertificateStanding> Items);

