using System.Text;
using Ledger.Core.Authorization;
using Ledger.Core.Pipeline;
using Ledger.Core.Skills;
using Ledger.Core.Text;
using Ledger.Web.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Ledger.Web.ImportPages;

/// <summary>
/// The page's two posts. "preview" runs the same Core operation as the API's import with dryRun (every check,
/// nothing written) and lists the file's rows beside the report; a clean file is carried in the "commit" form (base64,
/// so the officer does not choose it twice), and "commit" imports it all or nothing.
/// </summary>
public sealed partial class ImportPage
{
    /// <summary>A page upload is a day's or a month's attendance (carried once more, base64, in the import form); a larger file goes through the API, which streams it.</summary>
    public const int MaxMegabytes = 2;

    /// <summary>How many of the file's rows the preview lists.</summary>
    public const int RowsShown = 500;

    [Inject] private PageCall Call { get; set; } = null!;

    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    [SupplyParameterFromQuery(Name = "lapas")] private string? RequestedFacility { get; set; }

    [SupplyParameterFromForm(Name = "lapas")] private string? PostedFacility { get; set; }

    [SupplyParameterFromForm(Name = "namaBerkas")] private string? PostedFileName { get; set; }

    [SupplyParameterFromForm(Name = "jenis")] private string? PostedMediaType { get; set; }

    [SupplyParameterFromForm(Name = "isi")] private string? PostedContent { get; set; }

    private string? FacilityCode => Call.FacilityOrOwn(PostedFacility ?? RequestedFacility);

    private Outcome<TrainingImportReport>? refusal;
    private TrainingImportReport? report;
    private readonly List<PreviewRow> rows = [];
    private string fileName = "";
    private string? mediaType;
    private string? content;
    private string? message;
    private bool messageIsError;
    private bool imported;

    /// <summary>One row of the file as written, for the preview table.</summary>
    private sealed record PreviewRow(int Line, string RegistrationNumber, string ProgrammeCode, string Date, string Minutes, string? Note);

    protected override async Task OnInitializedAsync()
    {
        if (HttpMethods.IsGet(HttpContext?.Request.Method ?? "GET"))
        {
            // Opening the page checks the officer may import here: a role that may not sees 403, another Lapas 404.
            var allowed = await Call.ReadForWriteAsync(FacilityCode, Area.Skills, audit: null, _ => Task.FromResult(true));
            if (allowed is not Outcome<bool>.Ok)
            {
                refusal = allowed switch
                {
                    Outcome<bool>.Forbidden f => new Outcome<TrainingImportReport>.Forbidden(f.Area, f.Access),
                    _ => new Outcome<TrainingImportReport>.NotFound(),
                };
            }
        }
    }

    private async Task PreviewAsync()
    {
        var file = HttpContext?.Request.Form.Files.GetFile("berkas");
        if (file is null || file.Length == 0)
        {
            Say(Import.NoFile, error: true);
            return;
        }
        if (HeldUpload.TooLarge(file, MaxMegabytes))
        {
            Say(Catalogue.Fill(Import.TooLarge, MaxMegabytes), error: true);
            return;
        }
        fileName = Path.GetFileName(file.FileName);
        mediaType = file.ContentType;
        await RunAsync(await HeldUpload.ReadAsync(file), dryRun: true);
    }

    private async Task ImportAsync()
    {
        fileName = PostedFileName ?? "";
        mediaType = PostedMediaType;
        if (HeldUpload.FromPosted(PostedContent) is not { } bytes)
        {
            Say(Import.ChangedSince, error: true);
            return;
        }
        await RunAsync(bytes, dryRun: false);
    }

    /// <summary>
    /// The import through the pipeline (the officer's role and Lapas, one write session, its audit rows, the form's
    /// one-time key). A refused file rolls back and its report is shown.
    /// </summary>
    private async Task RunAsync(byte[] bytes, bool dryRun)
    {
        var outcome = await Call.WriteOrRefuseAsync(FacilityCode, Area.Skills, async context =>
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var done = await TrainingImport.PreviewOrImportAsync(context.Session, context.Facility, stream, mediaType, dryRun, default);
            return new Done<TrainingImportReport>(done, Succeeded: done.Accepted);
        });
        switch (outcome)
        {
            case Outcome<TrainingImportReport>.Ok { Value: var done }:
                report = done;
                if (done.Imported is { } written)
                {
                    Say(Catalogue.Fill(Import.Imported, Format.Count(written.Rows), fileName), error: false);
                    report = null;
                    imported = true;
                    return;
                }
                content = Convert.ToBase64String(bytes);
                await ListRowsAsync(bytes);
                break;
            case Outcome<TrainingImportReport>.Refused { Value: var refused }:
                report = refused;
                imported = true; // nothing to import: the file changed since its preview, or the ledger did
                await ListRowsAsync(bytes);
                break;
            case Outcome<TrainingImportReport>.Replay:
                Say(Pages.AlreadySaved, error: false);
                imported = true;
                break;
            case Outcome<TrainingImportReport>.Invalid invalid:
                Say(string.Join(" ", invalid.Errors.SelectMany(e => e.Value)), error: true);
                break;
            case Outcome<TrainingImportReport>.Conflict conflict:
                Say(Catalogue.Fill(Pages.Refused, conflict.Reason), error: true);
                break;
            default:
                refusal = outcome;
                break;
        }
    }

    /// <summary>The first rows of the file as written, so the officer sees what will be imported, not only what is wrong.</summary>
    private async Task ListRowsAsync(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var (opened, _) = await TrainingUpload.OpenAsync(stream, mediaType, default);
        if (opened is null)
        {
            return;
        }
        await using var file = opened;
        while (rows.Count < RowsShown && await file.ReadAsync(default))
        {
            rows.Add(new PreviewRow(file.Line, file.RegistrationNumber, file.ProgrammeCode, Encoding.UTF8.GetString(file.Date), Encoding.UTF8.GetString(file.Minutes), file.Note));
        }
    }

    private void Say(string text, bool error)
    {
        message = text;
        messageIsError = error;
    }
}
