using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Inmates;
using Ledger.Core.Pipeline;
using Ledger.Core.Readiness;
using Ledger.Core.Sentences;
using Ledger.Core.Text;
using Ledger.Web.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using NodaTime;
using NodaTime.Text;
using ReleasesText = Ledger.Core.Text.Releases;

namespace Ledger.Web.Releases;

/// <summary>What the usulan page shows: the person's readiness (their rights on today) and their usulan history.</summary>
public sealed record UsulanPageView(ReadinessSummary Summary, UsulanHistory History);

public sealed partial class UsulanPage
{
    [Inject] private PageCall Call { get; set; } = null!;

    [Inject] private InmateStore Inmates { get; set; } = null!;

    [Inject] private ReadinessStore Readiness { get; set; } = null!;

    [Inject] private UsulanStore Usulan { get; set; } = null!;

    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    [Parameter] public Guid Id { get; set; }

    private Outcome<UsulanPageView>? outcome;
    private string? notice;
    private readonly List<string> problems = [];
    private readonly Dictionary<string, List<string>> fieldErrors = [];

    /// <summary>Whether the form shows the posted values again (after a refusal) or starts afresh (after a save).</summary>
    private bool posted = true;

    private InmateId Person => InmateId.From(Id);

    private FindFacility Where => async ct => (await Inmates.FacilityOfAsync(Person, ct))?.Facility;

    protected override Task OnParametersSetAsync() => LoadAsync();

    /// <summary>The person's file as a read of the Readiness area, audited as the API's <c>usulan</c> read.</summary>
    private async Task LoadAsync() =>
        outcome = await Call.ReadAsync(Where, Area.Readiness, new ReadAudit("usulan", Person.ToString(), ListsPeople: false), async context =>
        {
            var input = await Readiness.LoadAsync(context.Facility, Person, default) ?? throw new InvalidOperationException("The person's file disappeared during the read.");
            return new UsulanPageView(ReleaseReadiness.Evaluate(input, context.Today), await Usulan.HistoryAsync(Person, default));
        });

    private async Task RecordAsync()
    {
        var on = DateField();
        if (fieldErrors.Count > 0)
        {
            return;
        }
        var input = new RecordUsulan(Parse<UsulanRight>(Value("hak")), Parse<UsulanState>(Value("langkah")), on, Value("sk"), Value("alasan"));
        var recorded = await Call.WriteAsync(Where, Area.Readiness, context => UsulanStore.RecordAsync(context.Session, context.Facility, Person, input, default));
        switch (recorded)
        {
            case Outcome<UsulanEvent>.Ok { Value: var e }:
                await ReloadAsync(Catalogue.Fill(ReleasesText.Saved, WorklistText.Right(e.Right), WorklistText.Step(e.State), Format.Date(e.On)));
                break;
            case Outcome<UsulanEvent>.Replay:
                await ReloadAsync(Pages.AlreadySaved);
                break;
            case Outcome<UsulanEvent>.Invalid { Errors: var errors }:
                foreach (var (key, reasons) in errors)
                {
                    fieldErrors[key] = [.. reasons.Select(reason => Catalogue.Fill(ReleasesText.FieldProblem, LabelOf(key), reason))];
                }
                break;
            case Outcome<UsulanEvent>.Conflict { Reason: var conflict }:
                problems.Add(Catalogue.Fill(Pages.Refused, conflict));
                break;
            case Outcome<UsulanEvent>.KeyReused:
                problems.Add(Pages.AlreadySaved);
                break;
            case Outcome<UsulanEvent>.Forbidden f:
                outcome = new Outcome<UsulanPageView>.Forbidden(f.Area, f.Access);
                break;
            default:
                outcome = new Outcome<UsulanPageView>.NotFound();
                break;
        }
    }

    private async Task ReloadAsync(string message)
    {
        posted = false;
        await LoadAsync();
        notice = message;
    }

    private static string LabelOf(string field) => field switch
    {
        "right" => ReleasesText.FRight,
        "state" => ReleasesText.FState,
        "on" => ReleasesText.FOn,
        "decreeNumber" => ReleasesText.FDecreeNumber,
        "reason" => ReleasesText.FReason,
        _ => field,
    };

    private static T? Parse<T>(string? value) where T : struct, Enum =>
        value is not null && Enum.GetValues<T>().Any(v => Wire.Of(v) == value) ? Wire.Parse<T>(value) : null;

    private string? Value(string name) =>
        posted && HttpContext is { Request.HasFormContentType: true } http && http.Request.Form[name].ToString() is { Length: > 0 } value ? value : null;

    private LocalDate? DateField()
    {
        if (Value("tanggal") is not { } text)
        {
            return null;
        }
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success)
        {
            fieldErrors["on"] = [Catalogue.Fill(ReleasesText.FieldProblem, ReleasesText.FOn, ReleasesText.BadDate)];
            return null;
        }
        return parsed.Value;
    }

    private List<string>? ErrorsOf(string key) => fieldErrors.GetValueOrDefault(key);

    private static IEnumerable<(UsulanRight Right, RightAssessment Assessment)> RightsOf(ReleaseRights rights) =>
    [
        (UsulanRight.Asimilasi, rights.Asimilasi),
        (UsulanRight.PembebasanBersyarat, rights.PembebasanBersyarat),
        (UsulanRight.CutiBersyarat, rights.CutiBersyarat),
        (UsulanRight.CutiMenjelangBebas, rights.CutiMenjelangBebas),
    ];

    private static string RightStatusText(RightAssessment right, LocalDate today) => right switch
    {
        { Status: RightStatus.None } or { Date: null } => ReleasesText.RightNone,
        { Status: RightStatus.Eligible, Date: var since } => Catalogue.Fill(ReleasesText.RightEligibleSince, Format.Date(since)),
        { Date: var from } => Catalogue.Fill(ReleasesText.StatusFrom, Format.Date(from)),
    };

    private static string StepText(UsulanEvent e) => e.State switch
    {
        UsulanState.Drafted => Catalogue.Fill(ReleasesText.StatusDrafted, Format.Date(e.On)),
        UsulanState.Sent => Catalogue.Fill(ReleasesText.StatusSent, Format.Date(e.On)),
        UsulanState.Decreed => Catalogue.Fill(ReleasesText.StatusDecreed, Format.Date(e.On), e.DecreeNumber ?? ""),
        _ => Catalogue.Fill(ReleasesText.StatusRefused, Format.Date(e.On)),
    };
}
