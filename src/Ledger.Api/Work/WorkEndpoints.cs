using System.Text.Json;
using Ledger.Api.Facilities;
using Ledger.Api.Skills;
using Ledger.Api.Web;
using Ledger.Core.Text;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Pipeline;
using Ledger.Core.Work;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Work;

/// <summary>Work orders and work records with QC results (bimker writes; api.md's "programmes ... work records" row).</summary>
public static class WorkEndpoints
{
    public static void MapWork(this RouteGroupBuilder api)
    {
        var byFacility = api.MapArea("/facilities/{code}/work-orders", "Work", Area.Skills);
        byFacility.MapPost("/", Create);
        byFacility.MapGet("/", List);

        var byId = api.MapArea("/work-orders/{id}", "Work", Area.Skills);
        byId.MapGet("/", Get);
        byId.MapPost("/records", Record).Accepts<List<NewWorkRecord>>("application/json");
        byId.MapGet("/records", Records);
        byId.MapPost("/close", Close);
        byId.MapPost("/imports/records", ImportRecords).Accepts<string>(SkillEndpoints.ImportMediaTypes[0], SkillEndpoints.ImportMediaTypes[1..])
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(SkillEndpoints.MaxImportBytes))
            .WithDescription("A CSV (comma or semicolon) or an .xlsx's first sheet with the columns No. Registrasi, Tanggal, Menit, Unit Diproduksi, " +
                             "Unit Lolos QC (or registrationNumber, date, minutes, unitsProduced, unitsPassedQc). Every row is checked as a JSON batch " +
                             "is, all or nothing: a refused file answers 400 with every problem under errors (\"line 7: Tanggal\") and in rows. " +
                             "With dryRun=true nothing is written and the answer is 200 with the report.");
        api.MapArea("/imports/work-records", "Work", Area.Skills).MapGet("/template", RecordsTemplate)
            .Produces<string>(StatusCodes.Status200OK, Ledger.Core.Skills.TrainingUpload.CsvMediaType, Ledger.Core.Skills.TrainingUpload.XlsxMediaType)
            .WithDescription("The empty work-records template: format csv (default) or xlsx, language id (default) or en.");

        api.MapArea("/work-records/{id}", "Work", Area.Skills).MapPost("/reversal", Reverse);
    }

    private static FindFacility OrderIn(WorkStore work, WorkOrderId id) => Find.Of(ct => work.FacilityOfOrderAsync(id, ct));

    public static Task<Results<Written<WorkOrder>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> Create(
        string code, NewWorkOrder body, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(Find.Facility(code), async operation =>
        {
            var order = await WorkStore.CreateOrderAsync(operation.Session, operation.Facility, body, ct);
            return Written.Created($"/api/v1/work-orders/{order.Id}", order);
        });

    public static Task<Results<Ok<ItemsOf<WorkOrder>>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> List(string code, WorkStore work, ApiCall call, CancellationToken ct) =>
        call.ReadAsync(Find.Facility(code), async operation => TypedResults.Ok(new ItemsOf<WorkOrder>(await work.ListOrdersAsync(operation.Facility.Code, ct))));

    /// <summary>The order with its progress: units produced and passed against the quantity, workers, days.</summary>
    public static Task<Results<Ok<WorkOrder>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Get(WorkOrderId id, WorkStore work, ApiCall call, CancellationToken ct) =>
        call.ReadAsync(OrderIn(work, id), async _ => TypedResults.Ok(await work.GetOrderAsync(id, ct) ?? throw new NotFoundException(Things.WorkOrder)));

    /// <summary>A batch of work records, all or nothing; a refused row is named with its index, e.g. <c>[3].unitsPassed</c>.</summary>
    /// <remarks>
    /// The body binds as raw JSON and is read in the work, after the access check: a caller outside the facility or
    /// without the role learns 404 or 403 before anything about the shape of what they sent.
    /// </remarks>
    public static Task<Results<Written<ItemsOf<WorkRecord>>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> Record(
        WorkOrderId id, JsonElement body, IOptions<JsonOptions> json, WorkStore work, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(OrderIn(work, id), async operation =>
        {
            var rows = body.Deserialize<List<NewWorkRecord?>>(json.Value.SerializerOptions) ?? throw ValidationFailedException.For("body", Fields.MustBeListOfWorkRecords);
            var records = await WorkStore.RecordAsync(operation.Session, operation.Facility, id, rows, ct);
            return Written.Created($"/api/v1/work-orders/{id}/records", new ItemsOf<WorkRecord>(records));
        });

    /// <summary>
    /// Work records from a CSV or xlsx file (the raw body), every row checked as a JSON batch is; a refused file answers
    /// 400 with every problem by line and column and nothing is written. A dry run answers 200 with the report.
    /// </summary>
    public static async Task<Results<UnsupportedMediaTypeProblem, Results<Written<WorkImported>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>,
        Results<Written<WorkImportReport>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>>> ImportRecords(WorkOrderId id, HttpRequest http,
        WorkStore work, ApiCall call, CancellationToken ct, bool dryRun = false)
    {
        var mediaType = http.ContentType?.Split(';')[0].Trim();
        if (!string.IsNullOrEmpty(mediaType) && !SkillEndpoints.ImportMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return Problems.UnsupportedImport(mediaType);
        }
        if (dryRun)
        {
            return await call.WriteAsync<WorkImportReport>(OrderIn(work, id), async operation =>
                Written.Previewed(await WorkRecordImport.PreviewOrImportAsync(operation.Session, operation.Facility, id, http.Body, mediaType, dryRun: true, ct)));
        }
        return await call.WriteAsync<WorkImported>(OrderIn(work, id), async operation =>
        {
            var report = await WorkRecordImport.PreviewOrImportAsync(operation.Session, operation.Facility, id, http.Body, mediaType, dryRun: false, ct);
            if (report.Imported is { } imported)
            {
                return Written.Created($"/api/v1/work-orders/{id}/records", imported);
            }
            var errors = report.Problems.GroupBy(p => p.ErrorKey()).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray());
            return TypedResults.ValidationProblem(errors, title: WorkImportReport.RefusedTitle, detail: report.RefusedDetail(),
                extensions: new Dictionary<string, object?> { ["rows"] = report.Problems, ["problemCount"] = report.ProblemCount, ["rowCount"] = report.Rows });
        });
    }

    /// <summary>The empty work-records template: CSV (default) or xlsx, Indonesian (default) or English headers.</summary>
    public static Task<Results<FileContentHttpResult, ValidationProblem, ForbiddenProblem, NotFoundProblem>> RecordsTemplate(ApiCall call, string? format = null, string? language = null) =>
        call.ReadAsync(facility: null, _ =>
        {
            var (content, fileName, mediaType) = WorkRecordImport.Template(format, language);
            return Task.FromResult(TypedResults.File(content, mediaType, fileName));
        });

    public static Task<Results<Ok<ItemsOf<WorkRecord>>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Records(WorkOrderId id, WorkStore work, ApiCall call, CancellationToken ct) =>
        call.ReadAsync(OrderIn(work, id), async operation =>
        {
            var records = await work.ListRecordsAsync(id, ct);
            operation.Returns(records.Select(r => r.InmateId.Value));
            return TypedResults.Ok(new ItemsOf<WorkRecord>(records));
        }, Audited.People("work-records"));

    public static Task<Results<Written<WorkOrder>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> Close(
        WorkOrderId id, CloseWorkOrder body, WorkStore work, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(OrderIn(work, id), async operation =>
        {
            var order = await WorkStore.CloseAsync(operation.Session, operation.Facility, id, body, ct);
            return Written.Created($"/api/v1/work-orders/{id}", order);
        });

    public static Task<Results<Written<WorkRecord>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>> Reverse(
        WorkRecordId id, Reversal body, WorkStore work, ApiCall call, CancellationToken ct) =>
        call.WriteAsync(Find.Of(token => work.FacilityOfRecordAsync(id, token)), async operation =>
        {
            var record = await WorkStore.ReverseRecordAsync(operation.Session, operation.Facility, id, body, ct);
            return Written.Created($"/api/v1/work-orders/{record.WorkOrderId}/records", record);
        });
}
