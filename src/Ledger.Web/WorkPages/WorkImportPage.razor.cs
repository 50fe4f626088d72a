using Ledger.Core.Authorization;
using Ledger.Core.Pipeline;
using Ledger.Core.Text;
using Ledger.Core.Work;
using Ledger.Web.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Ledger.Web.WorkPages;

/// <summary>
/// The page's two posts, as the training import page has them: "work-preview" runs the import with dryRun (every
/// check, nothing written) and shows the report; a clean file is carried in the "work-save" form (base64, so the
/// officer does not choose it twice), and "work-save" writes it all or nothing.
/// </summary>
public sealed partial class WorkImportPage
{
    /// <summary>A page upload is a work order's records of some weeks; a larger file goes through the API.</summary>
    public const int MaxMegabytes = 2;

    [Inject] private PageCall Call { get; set; } = null!;

    [Inject] private WorkStore Store { get; set; } = null!;

    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    [Parameter] public Guid Id { get; set; }

    [SupplyParameterFromForm(Name = "namaBerkas")] private string? PostedFileName { get; set; }

    [SupplyParameterFromForm(Name = "jenis")] private string? PostedMediaType { get; set; }

    [SupplyParameterFromForm(Name = "isi")] private string? PostedContent { get; set; }

    private WorkOrderId OrderId => new(Id);

    private Outcome<WorkImportReport>? refusal;
    private WorkImportReport? report;
    private string? facilityCode;
    private string fileName = "";
    private string? mediaType;
    private string? content;
    private string? message;
    private bool messageIsError;
    private bool saved;

    protected override async Task OnInitializedAsync()
    {
        // The order's Lapas, then the pipeline's check that the officer may write there: a role that may not sees 403,
        // another Lapas (or no such order) 404, exactly as if it did not exist.
        facilityCode = await Store.FacilityOfOrderAsync(OrderId, default);
        var allowed = facilityCode is null ? null : await Call.ReadForWriteAsync(facilityCode, Area.Skills, audit: null, _ => Task.FromResult(true));
        if (allowed is not Outcome<bool>.Ok)
        {
            refusal = allowed is Outcome<bool>.Forbidden f ? new Outcome<WorkImportReport>.Forbidden(f.Area, f.Access) : new Outcome<WorkImportReport>.NotFound();
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

    private async Task SaveAsync()
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

    /// <summary>The import through the pipeline (role, Lapas, one write session with its audit rows, the form's one-time key); a refused file rolls back.</summary>
    private async Task RunAsync(byte[] bytes, bool dryRun)
    {
        if (refusal is not null)
        {
            return;
        }
        var outcome = await Call.WriteOrRefuseAsync(facilityCode, Area.Skills, async context =>
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var done = await WorkRecordImport.PreviewOrImportAsync(context.Session, context.Facility, OrderId, stream, mediaType, dryRun, default);
            return new Done<WorkImportReport>(done, Succeeded: done.Accepted);
        });
        switch (outcome)
        {
            case Outcome<WorkImportReport>.Ok { Value: var done }:
                report = done;
                if (done.Imported is { } written)
                {
                    Say(Catalogue.Fill(WorkImport.Saved, Format.Count(written.Rows), fileName), error: false);
                    report = null;
                    saved = true;
                    return;
                }
                content = Convert.ToBase64String(bytes);
                break;
            case Outcome<WorkImportReport>.Refused { Value: var refused }:
                report = refused;
                saved = true; // nothing to save: the file changed since its preview, or the ledger did
                break;
            case Outcome<WorkImportReport>.Replay:
                Say(Pages.AlreadySaved, error: false);
                saved = true;
                break;
            case Outcome<WorkImportReport>.Invalid invalid:
                Say(string.Join(" ", invalid.Errors.SelectMany(e => e.Value)), error: true);
                break;
            case Outcome<WorkImportReport>.Conflict conflict:
                Say(Catalogue.Fill(Pages.Refused, conflict.Reason), error: true);
                break;
            default:
                refusal = outcome;
                break;
        }
    }

    private void Say(string text, bool error)
    {
        message = text;
        messageIsError = error;
    }
}
