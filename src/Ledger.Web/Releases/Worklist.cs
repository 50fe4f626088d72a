using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Facilities;
using Ledger.Core.Pipeline;
using Ledger.Core.Readiness;
using Ledger.Core.Text;
using Ledger.Web.Shell;
using NodaTime;
using ReleasesText = Ledger.Core.Text.Releases;

namespace Ledger.Web.Releases;

/// <summary>
/// The worklist's filters as the page's query holds them (<c>?hari=90&amp;hak=pembebasan-bersyarat&amp;kurang=sertifikat</c>),
/// shared by the page and its xlsx download so both list the same people.
/// </summary>
public sealed record WorklistFilter(int Days, ReleaseEventKind? Right, string? Gap)
{
    public const int DefaultDays = 90;

    public const int MaxDays = 3650;

    /// <summary>The gaps one can filter by: the query's word and the checklist item it stands for.</summary>
    public static readonly IReadOnlyList<(string Code, Func<ChecklistItemName, bool> Matches)> Gaps =
    [
        ("sertifikat", g => g is ChecklistItemName.CompetentCertificateValidAtRelease),
        ("pelatihan", g => g is ChecklistItemName.RequiredTrainingReached),
        ("tabungan", g => g is ChecklistItemName.SavingsForTravelHome),
        ("register-f", g => g is ChecklistItemName.NoDisciplineWithin),
    ];

    /// <summary>The filter of the query's values; an unknown right or gap is ignored, days out of range are a field problem.</summary>
    public static (WorklistFilter Filter, string? DaysProblem) Parse(string? days, string? right, string? gap)
    {
        string? problem = null;
        var within = DefaultDays;
        if (!string.IsNullOrWhiteSpace(days))
        {
            if (int.TryParse(days.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= MaxDays)
            {
                within = n;
            }
            else
            {
                problem = Catalogue.Fill(ReleasesText.FieldProblem, ReleasesText.FieldDays, Catalogue.Fill(Fields.MustBeBetween, 0, MaxDays));
            }
        }
        var kind = Enum.GetValues<ReleaseEventKind>().Select(k => (ReleaseEventKind?)k).FirstOrDefault(k => Wire.Of(k!.Value) == right);
        var gapCode = Gaps.Any(g => g.Code == gap) ? gap : null;
        return (new WorklistFilter(within, kind, gapCode), problem);
    }

    public bool Keeps(WorklistItem item) =>
        (Right is not { } kind || item.Events.Any(e => e.Kind == kind))
        && (Gap is null || item.Gaps.Any(Gaps.Single(g => g.Code == Gap).Matches));

    /// <summary>The query that reproduces this filter (for the download link), with the Lapas.</summary>
    public string Query(string facility) =>
        $"lapas={Uri.EscapeDataString(facility)}&hari={Days}&hak={(Right is { } k ? Wire.Of(k) : "")}&kurang={Gap}";
}

/// <summary>The worklist as the page shows it: the overdue apart (longest overdue first), then the rest, soonest first.</summary>
public sealed record WorklistView(Facility Facility, LocalDate Today, WorklistFilter Filter, IReadOnlyList<WorklistItem> Overdue, IReadOnlyList<WorklistItem> Upcoming)
{
    /// <summary>
    /// The facility's worklist through the pipeline (area Readiness, audited as the API's <c>release-worklist</c>: a
    /// read of people, naming everyone listed).
    /// </summary>
    public static Task<Outcome<WorklistView>> LoadAsync(PageCall call, ReadinessStore readiness, string? facility, WorklistFilter filter) =>
        call.ReadAsync(call.FacilityOrOwn(facility), Area.Readiness, new ReadAudit("release-worklist", null, ListsPeople: true), async context =>
        {
            var items = (await readiness.WorklistAsync(context, context.Today, filter.Days, default)).Where(filter.Keeps).ToList();
            context.Returns(items.Select(i => i.InmateId.Value));
            var overdue = items.Where(i => i.OverdueDays is not null).OrderByDescending(i => i.OverdueDays).ThenBy(i => i.RegistrationNumber, StringComparer.Ordinal).ToList();
            return new WorklistView(context.Facility, context.Today, filter, overdue, [.. items.Where(i => i.OverdueDays is null)]);
        });
}

/// <summary>The worklist's words for events, rights, gaps and usulan steps, from the catalogue.</summary>
public static class WorklistText
{
    public static string Kind(ReleaseEventKind kind) => kind switch
    {
        ReleaseEventKind.Asimilasi => ReleasesText.KindAsimilasi,
        ReleaseEventKind.PembebasanBersyarat => ReleasesText.KindPb,
        ReleaseEventKind.CutiBersyarat => ReleasesText.KindCb,
        ReleaseEventKind.CutiMenjelangBebas => ReleasesText.KindCmb,
        _ => ReleasesText.KindExpiry,
    };

    public static string Right(UsulanRight right) => right switch
    {
        UsulanRight.Asimilasi => ReleasesText.KindAsimilasi,
        UsulanRight.PembebasanBersyarat => ReleasesText.KindPb,
        UsulanRight.CutiBersyarat => ReleasesText.KindCb,
        _ => ReleasesText.KindCmb,
    };

    public static string Step(UsulanState state) => state switch
    {
        UsulanState.Drafted => ReleasesText.StepDrafted,
        UsulanState.Sent => ReleasesText.StepSent,
        UsulanState.Decreed => ReleasesText.StepDecreed,
        _ => ReleasesText.StepRefused,
    };

    public static string Gap(ChecklistItemName gap) => gap switch
    {
        ChecklistItemName.CompetentCertificateValidAtRelease => ReleasesText.GapCertificate,
        ChecklistItemName.RequiredTrainingReached => ReleasesText.GapTraining,
        ChecklistItemName.SavingsForTravelHome => ReleasesText.GapSavings,
        _ => ReleasesText.GapDiscipline,
    };

    public static string GapCode(string code) => code switch
    {
        "sertifikat" => ReleasesText.GapCertificate,
        "pelatihan" => ReleasesText.GapTraining,
        "tabungan" => ReleasesText.GapSavings,
        _ => ReleasesText.GapDiscipline,
    };

    public static string Gaps(WorklistItem item) => item.Gaps.Count == 0 ? ReleasesText.GapNone : string.Join(", ", item.Gaps.Select(Gap));

    /// <summary>
    /// Where a right stands for the officer: its usulan when there is one ("dalam proses: di TPP sejak ...", "SK terbit
    /// ..."), else eligible and not yet proposed, else the day it starts.
    /// </summary>
    public static string Standing(WorklistItem item, ReleaseEvent e, LocalDate today) => item.UsulanFor(e.Kind) switch
    {
        { State: UsulanState.Drafted } u => Catalogue.Fill(ReleasesText.StatusDrafted, Format.Date(u.On)),
        { State: UsulanState.Sent } u => Catalogue.Fill(ReleasesText.StatusSent, Format.Date(u.On)),
        { State: UsulanState.Decreed } u => Catalogue.Fill(ReleasesText.StatusDecreed, Format.Date(u.On), u.DecreeNumber ?? ""),
        { State: UsulanState.Refused } u => Catalogue.Fill(ReleasesText.StatusRefused, Format.Date(u.On)),
        _ when e.Date <= today => ReleasesText.StatusEligibleNotProposed,
        _ => Catalogue.Fill(ReleasesText.StatusFrom, Format.Date(e.Date)),
    };

    /// <summary>Every event of the person on one line each: "Pembebasan bersyarat (PB), 3 Mei 2026: memenuhi syarat, belum diusulkan".</summary>
    public static IEnumerable<string> RightLines(WorklistItem item, LocalDate today) =>
        item.Events.Select(e => e.Kind == ReleaseEventKind.Ekspirasi
            ? Catalogue.Fill(ReleasesText.EventOn, Kind(e.Kind), Format.Date(e.Date))
            : Catalogue.Fill(ReleasesText.RightLine, Kind(e.Kind), Format.Date(e.Date), Standing(item, e, today)));
}
