using Ledger.Core.Authorization;
using Ledger.Core.Pipeline;
using Ledger.Core.Registry;
using Ledger.Core.Text;
using Ledger.Web.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using NodaTime.Text;

namespace Ledger.Web.RegistryImport;

/// <summary>
/// The page's two posts, as the training import page does them. "preview" runs the registry import as a dry run
/// (every check, nothing written) and shows the report; a clean file that changes something is carried in the
/// "apply" form (base64, so the officer does not choose the files again), and "apply" applies it all or nothing.
/// </summary>
public sealed partial class RegistryImportPage
{
    /// <summary>A page upload is one Lapas's registry (carried once more, base64, in the apply form); a larger file goes through the API, which streams it.</summary>
    public const int MaxMegabytes = 2;

    [Inject] private PageCall Call { get; set; } = null!;

    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    [SupplyParameterFromQuery(Name = "lapas")] private string? RequestedFacility { get; set; }

    [SupplyParameterFromForm(Name = "lapas")] private string? PostedFacility { get; set; }

    [SupplyParameterFromForm(Name = "namaBerkas")] private string? PostedFileName { get; set; }

    [SupplyParameterFromForm(Name = "isiBukuKerja")] private string? PostedWorkbook { get; set; }

    [SupplyParameterFromForm(Name = "isiWargaBinaan")] private string? PostedPeople { get; set; }

    [SupplyParameterFromForm(Name = "isiRemisi")] private string? PostedRemisi { get; set; }

    [SupplyParameterFromForm(Name = "isiRegisterF")] private string? PostedRegisterF { get; set; }

    private string? FacilityCode => Call.FacilityOrOwn(PostedFacility ?? RequestedFacility);

    private Outcome<RegistryImportReport>? refusal;
    private RegistryImportReport? report;
    private Parts? parts;
    private string fileName = "";
    private string? message;
    private bool messageIsError;
    private bool done;

    /// <summary>The uploaded files as bytes: one workbook, or the people CSV with the optional remisi and register F CSVs.</summary>
    private sealed record Parts(byte[]? Workbook, byte[]? People, byte[]? Remisi, byte[]? RegisterF)
    {
        public RegistryUpload Open() => new(Stream(Workbook), Stream(People), Stream(Remisi), Stream(RegisterF));

        private static MemoryStream? Stream(byte[]? bytes) => bytes is null ? null : new MemoryStream(bytes, writable: false);

        public static string? Base64(byte[]? bytes) => bytes is null ? null : Convert.ToBase64String(bytes);
    }

    /// <summary>The apply form exists while a preview that would change something is shown, and while its own post is handled.</summary>
    private bool ShowApply => (parts is not null && report is { Accepted: true, NoChange: false, DryRun: true })
        || (PostedPeople is not null || PostedWorkbook is not null) && !done;

    protected override async Task OnInitializedAsync()
    {
        if (HttpMethods.IsGet(HttpContext?.Request.Method ?? "GET"))
        {
            // Opening the page checks the officer may register people here: another role sees 403, another Lapas 404.
            var allowed = await Call.ReadForWriteAsync(FacilityCode, Area.Inmates, audit: null, _ => Task.FromResult(true));
            if (allowed is not Outcome<bool>.Ok)
            {
                refusal = allowed switch
                {
                    Outcome<bool>.Forbidden f => new Outcome<RegistryImportReport>.Forbidden(f.Area, f.Access),
                    _ => new Outcome<RegistryImportReport>.NotFound(),
                };
            }
        }
    }

    private async Task PreviewAsync()
    {
        var files = HttpContext?.Request.Form.Files;
        var people = files?.GetFile("wargaBinaan");
        if (people is null || people.Length == 0)
        {
            Say(RegistryPage.NoFile, error: true);
            return;
        }
        var remisi = files?.GetFile("remisi") is { Length: > 0 } r ? r : null;
        var registerF = files?.GetFile("registerF") is { Length: > 0 } f ? f : null;
        foreach (var file in new[] { people, remisi, registerF })
        {
            if (file is not null && HeldUpload.TooLarge(file, MaxMegabytes))
            {
                Say(Catalogue.Fill(RegistryPage.TooLarge, file.FileName, MaxMegabytes), error: true);
                return;
            }
        }
        var peopleBytes = await HeldUpload.ReadAsync(people);
        var remisiBytes = remisi is null ? null : await HeldUpload.ReadAsync(remisi);
        var registerFBytes = registerF is null ? null : await HeldUpload.ReadAsync(registerF);
        if (IsWorkbook(peopleBytes) && (remisiBytes is not null || registerFBytes is not null))
        {
            Say(RegistryPage.WorkbookAndCsv, error: true);
            return;
        }
        foreach (var (file, bytes) in new[] { (remisi, remisiBytes), (registerF, registerFBytes) })
        {
            if (file is not null && IsWorkbook(bytes!))
            {
                Say(Catalogue.Fill(RegistryPage.CsvOnly, file.FileName), error: true);
                return;
            }
        }
        fileName = string.Join(", ", new[] { people, remisi, registerF }.Where(x => x is not null).Select(x => Path.GetFileName(x!.FileName)));
        parts = IsWorkbook(peopleBytes) ? new Parts(peopleBytes, null, null, null) : new Parts(null, peopleBytes, remisiBytes, registerFBytes);
        await RunAsync(dryRun: true);
    }

    private async Task ApplyAsync()
    {
        fileName = PostedFileName ?? "";
        try
        {
            parts = new Parts(FromBase64(PostedWorkbook), FromBase64(PostedPeople), FromBase64(PostedRemisi), FromBase64(PostedRegisterF));
        }
        catch (FormatException)
        {
            Say(RegistryPage.ChangedSince, error: true);
            done = true;
            return;
        }
        if (parts.Workbook is null && parts.People is null)
        {
            Say(RegistryPage.ChangedSince, error: true);
            done = true;
            return;
        }
        await RunAsync(dryRun: false);
    }

    /// <summary>
    /// The import through the pipeline (the officer's role and Lapas, one write session, its audit rows, the form's
    /// one-time key). A file with problems rolls back and its report is shown.
    /// </summary>
    private async Task RunAsync(bool dryRun)
    {
        var upload = parts!;
        var outcome = await Call.WriteOrRefuseAsync(FacilityCode, Area.Inmates, async context =>
        {
            var opened = upload.Open();
            try
            {
                var result = await Ledger.Core.Registry.RegistryImport.PreviewOrApplyAsync(context.Session, context.Facility, opened, dryRun, default);
                return new Done<RegistryImportReport>(result, Succeeded: result.Accepted);
            }
            finally
            {
                foreach (var stream in new[] { opened.Workbook, opened.People, opened.Remisi, opened.RegisterF })
                {
                    stream?.Dispose();
                }
            }
        });
        switch (outcome)
        {
            case Outcome<RegistryImportReport>.Ok { Value: var shown }:
                report = shown;
                done = !dryRun || !shown.Accepted || shown.NoChange;
                if (shown.Applied)
                {
                    Say(Catalogue.Fill(RegistryPage.Applied, fileName), error: false);
                }
                break;
            case Outcome<RegistryImportReport>.Refused { Value: var refused }:
                report = refused;
                done = true;
                break;
            case Outcome<RegistryImportReport>.Replay:
                Say(Pages.AlreadySaved, error: false);
                done = true;
                break;
            case Outcome<RegistryImportReport>.Invalid invalid:
                Say(string.Join(" ", invalid.Errors.SelectMany(e => e.Value)), error: true);
                done = true;
                break;
            case Outcome<RegistryImportReport>.Conflict conflict:
                Say(Catalogue.Fill(Pages.Refused, conflict.Reason), error: true);
                done = true;
                break;
            default:
                refusal = outcome;
                break;
        }
    }

    /// <summary>A field's name as the officer reads it.</summary>
    private static string FieldLabel(string field) => field switch
    {
        "fullName" => RegistryPage.FieldFullName,
        "birthDate" => RegistryPage.FieldBirthDate,
        "detentionDate" => RegistryPage.FieldDetentionDate,
        "sentence" => RegistryPage.FieldSentence,
        "sentenceKind" => RegistryPage.FieldSentenceKind,
        "releasedOn" => RegistryPage.FieldReleasedOn,
        _ => field,
    };

    /// <summary>A value of a change: a day (the report writes yyyy-MM-dd) as the page writes days, anything else as it is.</summary>
    private static string FieldValue(string? value) =>
        value is null ? Formats.None
        : LocalDatePattern.Iso.Parse(value) is { Success: true } day ? Format.Date(day.Value)
        : value;

    /// <summary>The day a released person leaves, from their change of <c>releasedOn</c>.</summary>
    private static string ReleasedOn(PersonChange person) =>
        FieldValue(person.Changes.FirstOrDefault(c => c.Field == "releasedOn")?.After);

    private static string SheetName(RegistrySheet sheet) => sheet == RegistrySheet.Remisi ? RegistryPage.SheetRemisi : RegistryPage.SheetRegisterF;

    /// <summary>An xlsx is a zip archive: it starts with "PK".</summary>
    private static bool IsWorkbook(byte[] bytes) => bytes is [(byte)'P', (byte)'K', 3, 4, ..];

    private static byte[]? FromBase64(string? text) => string.IsNullOrEmpty(text) ? null : Convert.FromBase64String(text);

    private void Say(string text, bool error)
    {
        message = text;
        messageIsError = error;
    }
}
