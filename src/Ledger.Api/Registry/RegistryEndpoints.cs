using Ledger.Api.Facilities;
using Ledger.Api.Skills;
using Ledger.Api.Web;
using Ledger.Core.Authorization;
using Ledger.Core.Registry;
using Ledger.Core.Skills;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Api.Registry;

/// <summary>The registry import from SDP's exports: a preview, an all-or-nothing apply, and the change report (admin writes).</summary>
public static class RegistryEndpoints
{
    private const string Multipart = "multipart/form-data";

    private static readonly string[] BodyMediaTypes = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream", TrainingUpload.XlsxMediaType];

    public static void MapRegistry(this RouteGroupBuilder api)
    {
        api.MapArea("/facilities/{code}", "Inmates", Area.Inmates).MapPost("/imports/registry", ImportRegistry)
            .Accepts<string>(TrainingUpload.XlsxMediaType, [.. BodyMediaTypes.Where(t => t != TrainingUpload.XlsxMediaType), Multipart])
            .Produces<RegistryImportReport>(StatusCodes.Status201Created)
            .WithMetadata(new RequestSizeLimitAttribute(SkillEndpoints.MaxImportBytes))
            .WithDescription("A registry file as SDP exports it: an .xlsx workbook (sheets Warga Binaan, Remisi, Register F; the people sheet alone is " +
                             "enough), the people sheet alone as CSV, or multipart/form-data with a part 'workbook' or parts 'people', 'remisi', " +
                             "'registerF'. dryRun=true answers 200 with what would change; otherwise a clean file is applied all or nothing and the " +
                             "answer is 201 with the same report (200 when it changes nothing). A refused file answers 400 with every problem under errors (\"Remisi line 7: Tanggal SK\") " +
                             "and the report; nothing is written.");
        api.MapArea("/imports/registry", "Inmates", Area.Inmates).MapGet("/template", RegistryTemplateFile)
            .Produces<string>(StatusCodes.Status200OK, TrainingUpload.CsvMediaType, TrainingUpload.XlsxMediaType)
            .WithDescription("The empty registry file: format csv (default; one sheet, chosen by sheet=people|remisi|registerF) or xlsx (the " +
                             "three sheets), language id (default: No. Registrasi;Nama;...) or en.");
    }

    /// <summary>The empty registry file to fill in (built in Core: <see cref="RegistryTemplate"/>).</summary>
    public static Task<Results<FileContentHttpResult, ValidationProblem, ForbiddenProblem, NotFoundProblem>> RegistryTemplateFile(ApiCall call, string? format = null,
        string? language = null, string? sheet = null) =>
        call.ReadAsync(facility: null, _ =>
        {
            var (content, fileName, mediaType) = RegistryTemplate.Template(format, language, sheet);
            return Task.FromResult(TypedResults.File(content, mediaType, fileName));
        });

    /// <summary>
    /// Reads the upload and previews or applies it. A body of another media type is refused first (415), as the
    /// training import does; a refused file answers 400 and the pipeline rolls everything back.
    /// </summary>
    public static async Task<Results<UnsupportedMediaTypeProblem,
        Results<Written<RegistryImportReport>, ValidationProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, KeyReusedProblem>>> ImportRegistry(string code,
        HttpRequest http, ApiCall call, CancellationToken ct, bool dryRun = false)
    {
        var mediaType = http.ContentType?.Split(';')[0].Trim();
        var multipart = string.Equals(mediaType, Multipart, StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(mediaType) && !multipart && !BodyMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return Problems.UnsupportedImport(mediaType);
        }
        return await call.WriteAsync<RegistryImportReport>(Find.Facility(code), async operation =>
        {
            var upload = multipart ? await FromFormAsync(http, ct) : FromBody(http.Body, mediaType);
            var report = await RegistryImport.PreviewOrApplyAsync(operation.Session, operation.Facility, upload, dryRun, ct);
            // 201 when the import wrote something; 200 for a dry run or a file that changes nothing.
            return !report.Accepted ? Problems.RegistryRefused(report) : report.Applied ? Written.Created((string?)null, report) : Written.Previewed(report);
        });
    }

    /// <summary>A raw body: an xlsx workbook, or (any text type) the people sheet as CSV.</summary>
    private static RegistryUpload FromBody(Stream body, string? mediaType) =>
        string.Equals(mediaType, TrainingUpload.XlsxMediaType, StringComparison.OrdinalIgnoreCase)
            ? new RegistryUpload(body, null, null, null)
            : new RegistryUpload(null, body, null, null);

    /// <summary>
    /// A form's file parts by name: <c>workbook</c>, or <c>people</c>, <c>remisi</c>, <c>registerF</c>. The parts share
    /// one buffered body, which cannot be read at two places at once, so each is copied to a temporary file of its
    /// own (deleted when the request ends): memory stays bounded whatever the files' size.
    /// </summary>
    private static async Task<RegistryUpload> FromFormAsync(HttpRequest http, CancellationToken ct)
    {
        var form = await http.ReadFormAsync(ct);
        async Task<Stream?> PartAsync(string name)
        {
            if (form.Files.GetFile(name) is not { } file)
            {
                return null;
            }
            var copy = new FileStream(Path.Combine(Path.GetTempPath(), $"ledger-registry-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.ReadWrite,
                FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            http.HttpContext.Response.RegisterForDisposeAsync(copy);
            await using (var part = file.OpenReadStream())
            {
                await part.CopyToAsync(copy, ct);
            }
            copy.Position = 0;
            return copy;
        }
        return new RegistryUpload(await PartAsync("workbook"), await PartAsync("people"), await PartAsync("remisi"), await PartAsync("registerF"));
    }
}
