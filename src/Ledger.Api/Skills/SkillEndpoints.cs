using Ledger.Api.Facilities;
using Ledger.Api.Web;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Inmates;
using Ledger.Core.Skills;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using static Ledger.Api.Inmates.InmateEndpoints;

namespace Ledger.Api.Skills;

/// <summary>The skills ledger: programmes, training (one by one, by session, by CSV), reversals, certificates and their views (bimker writes).</summary>
public static class SkillEndpoints
{
    /// <summary>A CSV of a million rows is about 35 MB; Kestrel's default limit (about 28.6 MB) would refuse it.</summary>
    public const long MaxImportBytes = 64L * 1024 * 1024;

    internal static readonly string[] ImportMediaTypes = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream", TrainingUpload.XlsxMediaType];

    public static void MapSkills(this RouteGroupBuilder api)
    {
        var facility = api.MapArea("/facilities/{code}", "Skills", Area.Skills);
        facility.MapPost("/programmes", CreateProgramme);
        facility.MapGet("/programmes", ListProgrammes);
        facility.MapPost("/programmes/{programmeCode}/revisions", ReviseProgramme);
        facility.MapPost("/programmes/{programmeCode}/retirement", RetireProgramme);
        facility.MapPost("/training-sessions", RecordSession);
        facility.MapPost("/imports/training", ImportTraining).Accepts<string>(ImportMediaTypes[0], ImportMediaTypes[1..])
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .WithDescription("A CSV (header registrationNumber,programmeCode,date,minutes, optional note; or No Registrasi;Kode Program;Tanggal;Menit, " +
                             "optional Catatan, with dates dd/MM/yyyy too) or the same columns in an .xlsx's first sheet. All rows or none: a refused file " +
                             "answers 400 with every bad cell under errors (\"line 7: date\") and in rows. With dryRun=true every check runs, nothing is " +
                             "written, and the answer is 200 with the report.");
        api.MapArea("/imports/training", "Skills", Area.Skills).MapGet("/template", TrainingTemplate)
            .Produces<string>(StatusCodes.Status200OK, TrainingUpload.CsvMediaType, TrainingUpload.XlsxMediaType)
            .WithDescription("The empty import template: format csv (default) or xlsx, language id (default: No Registrasi;Kode Program;Tanggal;Menit;Catatan) or en.");

        var inmate = api.MapArea("/inmates/{id}", "Skills", Area.Skills);
        inmate.MapPost("/training", RecordTraining);
        inmate.MapGet("/training", ListTraining);
        inmate.MapGet("/skills", PersonSkills);
        inmate.MapPost("/certificates", IssueCertificate);
        inmate.MapGet("/certificates", ListCertificates);

        api.MapArea("/training/{entryId}", "Skills", Area.Skills).MapPost("/reversal", Reverse);
        api.MapArea("/certificates/{id}", "Skills", Area.Skills).MapPost("/revocation", Revoke);
    }

    public static Task<Results<Written<Programme>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> CreateProgramme(string code, NewProgramme body, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(Find.Facility(code), async operation =>
        {
            var programme = await ProgrammeStore.CreateAsync(operation.Session, operation.Facility, body, ct);
            return Written.Created($"/api/v1/facilities/{code}/programmes", programme);
        });

    public static Task<Results<Ok<ItemsOf<Programme>>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> ListProgrammes(string code, ProgrammeStore programmes, ApiCall call, CancellationToken ct) =>
        call.ReadAsync(Find.Facility(code), async operation => TypedResults.Ok(new ItemsOf<Programme>(await programmes.ListAsync(operation.Facility.Code, ct))));

    public static Task<Results<Written<RevisedProgramme>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> ReviseProgramme(string code, string programmeCode, ReviseProgramme body, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(Find.Facility(code), async operation =>
        {
            var revised = await ProgrammeStore.ReviseAsync(operation.Session, operation.Facility, programmeCode, body, ct);
            return Written.Created($"/api/v1/facilities/{code}/programmes", revised);
        });

    public static Task<Results<Written<Programme>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> RetireProgramme(string code, string programmeCode, RetireProgramme body, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(Find.Facility(code), async operation =>
        {
            var programme = await ProgrammeStore.RetireAsync(operation.Session, operation.Facility, programmeCode, body, ct);
            return Written.Created($"/api/v1/facilities/{code}/programmes", programme);
        });

    public static Task<Results<Written<TrainingEntry>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> RecordTraining(InmateId id, RecordTraining body, InmateStore inmates, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(InmateIn(inmates, id), async operation =>
        {
            var entry = await TrainingStore.RecordAsync(operation.Session, operation.Facility, id, body, ct);
            return Written.Created($"/api/v1/inmates/{id}/training", entry);
        });

    public static Task<Results<Written<SessionRecorded>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> RecordSession(string code, RecordSession body, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(Find.Facility(code), async operation =>
            Written.Created((string?)null, await TrainingStore.RecordSessionAsync(operation.Session, operation.Facility, body, ct)));

    /// <summary>
    /// Reads the raw body as CSV or xlsx; any refused row answers 400 with all problems, and the pipeline rolls
    /// everything back. With <paramref name="dryRun"/> every check runs, nothing is written and the report answers 200.
    /// A body of another media type is refused first, as the framework refuses a JSON body of another type.
    /// </summary>
    public static async Task<Results<UnsupportedMediaTypeProblem, Results<Written<TrainingImported>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>,
        Results<Written<TrainingImportReport>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>>> ImportTraining(string code, HttpRequest http, ApiCall call,
        CancellationToken ct, bool dryRun = false)
    {
        var mediaType = http.ContentType?.Split(';')[0].Trim();
        if (!string.IsNullOrEmpty(mediaType) && !ImportMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return Problems.UnsupportedImport(mediaType);
        }
        if (dryRun)
        {
            return await call.WriteAsync<TrainingImportReport>(Find.Facility(code), async operation =>
                Written.Previewed(await TrainingImport.PreviewOrImportAsync(operation.Session, operation.Facility, http.Body, mediaType, dryRun: true, ct)));
        }
        return await call.WriteAsync<TrainingImported>(Find.Facility(code), async operation =>
        {
            var report = await TrainingImport.PreviewOrImportAsync(operation.Session, operation.Facility, http.Body, mediaType, dryRun: false, ct);
            if (report.Imported is { } imported)
            {
                return Written.Created((string?)null, imported);
            }
            return Problems.ImportRefused(report);
        });
    }

    /// <summary>The empty import template to fill in: CSV (default) or xlsx, Indonesian (default) or English headers.</summary>
    public static Task<Results<FileContentHttpResult, ValidationProblem, ForbiddenProblem, NotFoundProblem>> TrainingTemplate(ApiCall call, string? format = null, string? language = null) =>
        call.ReadAsync(facility: null, _ =>
        {
            var (content, fileName, mediaType) = TrainingImport.Template(format, language);
            return Task.FromResult(TypedResults.File(content, mediaType, fileName));
        });

    public static Task<Results<Ok<ItemsOf<TrainingEntry>>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> ListTraining(InmateId id, InmateStore inmates, TrainingStore training, ApiCall call, CancellationToken ct,
        string? from = null, string? to = null) =>
        call.ReadAsync(InmateIn(inmates, id), async _ =>
        {
            var (first, last) = QueryValues.Period(from, to);
            return TypedResults.Ok(new ItemsOf<TrainingEntry>(await training.ListAsync(id, first, last, ct)));
        }, Audited.PersonFile("training"));

    public static Task<Results<Ok<PersonSkills>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> PersonSkills(InmateId id, InmateStore inmates, TrainingStore training, ApiCall call, CancellationToken ct,
        string? from = null, string? to = null) =>
        call.ReadAsync(InmateIn(inmates, id), async operation =>
        {
            var (first, last) = QueryValues.Period(from, to);
            return TypedResults.Ok(await training.PersonSkillsAsync(id, operation.Today, first, last, ct));
        }, Audited.PersonFile("skills"));

    public static Task<Results<Written<TrainingReversal>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> Reverse(TrainingEntryId entryId, ReverseTraining body, TrainingStore training, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(Find.Of(token => training.FacilityOfEntryAsync(entryId, token)), async operation =>
            Written.Created((string?)null, await TrainingStore.ReverseAsync(operation.Session, operation.Facility, entryId, body, ct)));

    public static Task<Results<Written<Certificate>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> IssueCertificate(InmateId id, IssueCertificate body, InmateStore inmates, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(InmateIn(inmates, id), async operation =>
        {
            var certificate = await CertificateStore.IssueAsync(operation.Session, operation.Facility, id, body, ct);
            return Written.Created($"/api/v1/inmates/{id}/certificates", certificate);
        });

    public static Task<Results<Ok<CertificateList>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> ListCertificates(InmateId id, InmateStore inmates, TrainingStore training, ApiCall call, CancellationToken ct) =>
        call.ReadAsync(InmateIn(inmates, id), async operation =>
        {
            // The person's skills view judges each certificate today and on the expected release day.
            var skills = await training.PersonSkillsAsync(id, operation.Today, null, null, ct);
            return TypedResults.Ok(new CertificateList(skills.Today, skills.ExpectedReleaseOn, skills.Certificates));
        }, Audited.PersonFile("certificates"));

    public static Task<Results<Written<Certificate>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> Revoke(CertificateId id, RevokeCertificate body, CertificateStore certificates, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(Find.Of(token => certificates.FacilityOfAsync(id, token)), async operation =>
            Written.Created((string?)null, await CertificateStore.RevokeAsync(operation.Session, operation.Facility, id, body, ct)));
}

/// <summary>A person's certificates with their validity today and at the expected release.</summary>
public sealed record CertificateList(LocalDate Today, LocalDate ExpectedReleaseOn, IReadOnlyList<CertificateStanding> Items);

