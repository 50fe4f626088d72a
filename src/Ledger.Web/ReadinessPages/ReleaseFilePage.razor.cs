using System.Globalization;
using Ledger.Core.Readiness;
using Ledger.Core.Sentences;
using Ledger.Core.Skills;
using Ledger.Core.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Ledger.Web.ReadinessPages;

/// <summary>
/// The printable release file (berkas kesiapan bebas): one A4 page or two, in Bahasa Indonesia unless another
/// language is asked for, with the same facts as the readiness summary. Its words are the catalogue's
/// (Ledger.Core/Text/ReleaseFile.resx), its dates, hours and rupiah <see cref="Format"/>'s. Plain HTML and inline SVG, no script, its style a static asset. Register-F
/// descriptions are shown only to the roles that prepare a release (reintegration, admin); others see the dates alone.
/// Rendered by the API (a draft: no letter number) and by the staff pages (each printing numbered, see
/// <see cref="ReleaseLetterStore"/>); signed by the officer (name and NIP from their profile) and acknowledged by
/// the head of the Lapas (from the facility's settings).
/// </summary>
public sealed partial class ReleaseFilePage
{
    /// <summary>Where the API serves wwwroot/release-file.css (UseStaticFiles, anonymous: it names no one).</summary>
    public const string StylePath = "/release-file.css";

    /// <summary>The stylesheet with "halaman X dari Y" in each language (<see cref="ReleaseFileEndpoints"/>, anonymous: it names no one).</summary>
    public const string PageNumbersPath = "/release-file-pages.css";

    /// <summary>
    /// The page's Content-Security-Policy: its stylesheet from the server itself and nothing else: no inline style,
    /// no script, no image, font or other load, no form, not framed.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    [Parameter, EditorRequired] public required ReadinessSummary Summary { get; set; }

    [Parameter, EditorRequired] public LocalDate PrintedOn { get; set; }

    [Parameter, EditorRequired] public required string PrintedBy { get; set; }

    [Parameter] public bool ShowDisciplineDetails { get; set; }

    /// <summary>The letter number and who signs; none: a draft signed by <see cref="PrintedBy"/> on a blank line.</summary>
    [Parameter] public ReleaseSignatures? Signatures { get; set; }

    /// <summary>
    /// The page as one HTML document, rendered outside any Blazor circuit, in <paramref name="language"/>: Indonesian
    /// unless given, whatever the request asked for, since the file is printed for a person's Indonesian dossier.
    /// </summary>
    public static async Task<string> RenderAsync(IServiceProvider services, ReadinessSummary summary, LocalDate printedOn, string printedBy, bool showDisciplineDetails,
        CultureInfo? language = null, ReleaseSignatures? signatures = null)
    {
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(Summary)] = summary,
            [nameof(PrintedOn)] = printedOn,
            [nameof(PrintedBy)] = printedBy,
            [nameof(ShowDisciplineDetails)] = showDisciplineDetails,
            [nameof(Signatures)] = signatures,
        });
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            // Set inside the renderer's own dispatch, so the component reads the catalogue in this language; the change
            // stays in this async flow and never reaches the request's own culture.
            CultureInfo.CurrentUICulture = language ?? Language.Indonesian;
            return (await renderer.RenderComponentAsync<ReleaseFilePage>(parameters)).ToHtmlString();
        });
    }

    private PersonFacts Person => Summary.Person;

    private SentenceDates Dates => Summary.Dates;

    private SkillsView Skills => Summary.Skills;

    private ReleaseSignatures Signer => Signatures ?? new ReleaseSignatures(null, PrintedBy, null, null, null);

    /// <summary>"NIP 1986…" under a name; "NIP" alone leaves the number to be written in.</summary>
    private static string Nip(string? nip) => nip is null ? ReleaseFile.Nip : Catalogue.Fill(ReleaseLetters.NipOf, nip);

    private string SentenceText => Person.Sentence.Kind switch
    {
        SentenceKind.Life => ReleaseFile.LifeSentence,
        SentenceKind.Death => ReleaseFile.DeathSentence,
        _ => Format.Period(Person.Sentence.Years, Person.Sentence.Months, Person.Sentence.Days),
    };

    private string FacilityCity => Person.FacilityName.Split(' ').LastOrDefault() ?? Person.FacilityName;

    /// <summary>A day in words, "30 November 2026", in either language (ISO reads badly on paper); "–" for none.</summary>
    private static string Day(LocalDate? date) => date is { } day ? Format.LongDate(day) : Formats.None;

    private static string Hours(int minutes) => Format.Number(Math.Round(minutes / 60m, 1, MidpointRounding.AwayFromZero));

    internal static (string Label, string Css) RightStatusLabel(RightStatus status) => status switch
    {
        RightStatus.Eligible => (ReleaseFile.Eligible, "ok"),
        RightStatus.Almost => (ReleaseFile.Almost, "almost"),
        RightStatus.NotYet => (ReleaseFile.NotYet, "muted"),
        _ => (ReleaseFile.DoesNotApply, "muted"),
    };

    /// <summary>The calculator's conditions as a reader names them; the numbers in them come from the facility's settings.</summary>
    internal static string ConditionLabel(ConditionName name) => name switch
    {
        ConditionName.FixedSentence => ReleaseFile.ConditionFixedSentence,
        ConditionName.HalfServed => ReleaseFile.ConditionHalfServed,
        ConditionName.TwoThirdsServed => ReleaseFile.ConditionTwoThirdsServed,
        ConditionName.HasRemisi => ReleaseFile.ConditionHasRemisi,
        ConditionName.BeforeAdjustedExpiry => ReleaseFile.ConditionBeforeAdjustedExpiry,
        ConditionName.NoDisciplineWithin(var months) => Catalogue.Fill(ReleaseFile.ConditionNoDisciplineWithin, months),
        ConditionName.TwoThirdsAtLeast(var days) => Catalogue.Fill(ReleaseFile.ConditionTwoThirdsAtLeast, days),
        ConditionName.SentenceAtMost(var months) => Catalogue.Fill(ReleaseFile.ConditionSentenceAtMost, months),
        ConditionName.WithinLastRemisiOfAdjustedExpiry => ReleaseFile.ConditionWithinLastRemisi,
        ConditionName.WithinMonthsOfAdjustedExpiry(var months) => Catalogue.Fill(ReleaseFile.ConditionWithinMonths, months),
        _ => name.ToString(),
    };

    internal static string BasisLabel(ReleaseBasis basis) => basis switch
    {
        ReleaseBasis.PembebasanBersyarat => ReleaseFile.BasisPembebasanBersyarat,
        ReleaseBasis.CutiBersyarat => ReleaseFile.BasisCutiBersyarat,
        ReleaseBasis.CutiMenjelangBebas => ReleaseFile.BasisCutiMenjelangBebas,
        ReleaseBasis.Ekspirasi => ReleaseFile.BasisEkspirasi,
        ReleaseBasis.Released => ReleaseFile.BasisReleased,
        _ => ReleaseFile.BasisNone,
    };

    internal static string ChecklistLabel(ChecklistItemName item) => item switch
    {
        ChecklistItemName.CompetentCertificateValidAtRelease => ReleaseFile.ChecklistCertificate,
        ChecklistItemName.RequiredTrainingReached => ReleaseFile.ChecklistTraining,
        ChecklistItemName.SavingsForTravelHome => ReleaseFile.ChecklistSavings,
        ChecklistItemName.NoDisciplineWithin(var months) => Catalogue.Fill(ReleaseFile.ChecklistNoDiscipline, months),
        _ => item.ToString(),
    };

    private string ChecklistDetail(ChecklistItem item)
    {
        switch (item.Item)
        {
            case ChecklistItemName.CompetentCertificateValidAtRelease:
                var valid = Summary.Certificates.Where(c => c.ValidAtRelease).Select(c => c.Certificate.Title).ToList();
                return valid.Count > 0 ? string.Join(", ", valid) : Catalogue.Fill(ReleaseFile.NoValidCertificateOn, Day(Summary.ExpectedRelease.Date));
            case ChecklistItemName.RequiredTrainingReached:
                var best = Summary.Skills.Programmes.Where(p => p.RequiredMinutes is > 0).OrderByDescending(p => p.ProgressPercent).FirstOrDefault();
                return best is null ? ReleaseFile.NoProgrammeWithHours
                    : Catalogue.Fill(ReleaseFile.ProgrammeProgress, best.ProgrammeName, Hours(best.Minutes), Hours(best.RequiredMinutes!.Value), best.ProgressPercent);
            case ChecklistItemName.SavingsForTravelHome:
                return Catalogue.Fill(ReleaseFile.SavingsAmount, Format.Rupiah(Summary.Premi.Savings));
            default:
                var recent = Summary.Discipline.Where(e => e.OccurredOn <= Summary.AsOf).OrderByDescending(e => e.OccurredOn).FirstOrDefault();
                if (item.Passed || recent is null)
                {
                    return ReleaseFile.NoEntry;
                }
                return ShowDisciplineDetails ? $"{Day(recent.OccurredOn)}: {recent.Description}" : Catalogue.Fill(ReleaseFile.EntryOn, Day(recent.OccurredOn));
        }
    }

    private const int ChartWidth = 300, ChartHeight = 120, ChartTop = 14, ChartBottom = 22, ChartLeft = 4, ChartFontSize = 7;

    /// <summary>
    /// The room one label takes at <see cref="ChartFontSize"/>: "Agu 25" or "123,5" is at most six characters of about
    /// 0.6 em each, plus a gap, so labels this far apart never touch.
    /// </summary>
    internal const double LabelWidth = (6 * 0.6 * ChartFontSize) + 3;

    /// <summary>One month's bar of the training chart, in SVG user units; a label is null where it would crowd its neighbour.</summary>
    internal sealed record Bar(double X, double Y, double Width, double Height, double Middle, string? Hours, string? Month);

    private List<Bar> Bars => ChartBars(Skills.ByMonth);

    /// <summary>
    /// The chart's bars: every month from the first with training to the last, a month without training at zero,
    /// inline SVG so the page needs no script. Over a long span the bars narrow and only every k-th month is labelled,
    /// k chosen so that labels stay <see cref="LabelWidth"/> apart.
    /// </summary>
    internal static List<Bar> ChartBars(IReadOnlyList<MonthlyMinutes> byMonth)
    {
        if (byMonth.Count == 0)
        {
            return [];
        }
        var minutes = byMonth.GroupBy(m => (m.Year * 12) + m.Month - 1).ToDictionary(g => g.Key, g => g.Sum(m => m.Minutes));
        var first = minutes.Keys.Min();
        var count = minutes.Keys.Max() - first + 1;
        var max = Math.Max(1, minutes.Values.Max());
        // A month is at most 40 units wide, so a few months do not turn into one wide block.
        var slot = Math.Min(40, (ChartWidth - ChartLeft) / (double)count);
        var every = (int)Math.Ceiling(LabelWidth / slot);
        var gap = Math.Min(2, slot / 5);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var month = first + i;
            var value = minutes.GetValueOrDefault(month);
            var height = (double)value * (ChartHeight - ChartTop - ChartBottom) / max;
            var x = ChartLeft + (i * slot) + gap;
            var labelled = i % every == 0;
            return new Bar(x, ChartHeight - ChartBottom - height, slot - (2 * gap), height, x + ((slot - (2 * gap)) / 2),
                labelled && value > 0 ? Hours(value) : null, labelled ? Format.ShortMonth(month / 12, (month % 12) + 1) : null);
        })];
    }

    /// <summary>An SVG coordinate: at most two decimals, a dot whatever the language.</summary>
    private static string Svg(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
