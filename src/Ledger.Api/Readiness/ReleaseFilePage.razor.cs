using System.Globalization;
using Ledger.Core.Readiness;
using Ledger.Core.Sentences;
using Ledger.Core.Skills;
using Ledger.Core.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using NodaTime;

namespace Ledger.Api.Readiness;

/// <summary>
/// The printable release file (berkas kesiapan bebas): one A4 page or two, in Bahasa Indonesia unless another
/// language is asked for, with the same facts as the readiness summary. Its words are the catalogue's
/// (Ledger.Core/Text/ReleaseFile.resx), its dates, hours and rupiah <see cref="Format"/>'s. Plain HTML and inline SVG, no script, its style a static asset. Register-F
/// descriptions are shown only to the roles that prepare a release (reintegration, admin); others see the dates alone.
/// </summary>
public sealed partial class ReleaseFilePage
{
    /// <summary>Where the API serves wwwroot/release-file.css (UseStaticFiles, anonymous: it names no one).</summary>
    public const string StylePath = "/release-file.css";

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

    /// <summary>
    /// The page as one HTML document, rendered outside any Blazor circuit, in <paramref name="language"/>: Indonesian
    /// unless given, whatever the request asked for, since the file is printed for a person's Indonesian dossier.
    /// </summary>
    public static async Task<string> RenderAsync(IServiceProvider services, ReadinessSummary summary, LocalDate printedOn, string printedBy, bool showDisciplineDetails,
        CultureInfo? language = null)
    {
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(Summary)] = summary,
            [nameof(PrintedOn)] = printedOn,
            [nameof(PrintedBy)] = printedBy,
            [nameof(ShowDisciplineDetails)] = showDisciplineDetails,
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

    private static (string Label, string Css) RightStatusLabel(RightStatus status) => status switch
    {
        RightStatus.Eligible => (ReleaseFile.Eligible, "ok"),
        RightStatus.Almost => (ReleaseFile.Almost, "almost"),
        RightStatus.NotYet => (ReleaseFile.NotYet, "muted"),
        _ => (ReleaseFile.DoesNotApply, "muted"),
    };

    /// <summary>The calculator's conditions as a reader names them; the numbers in them come from the facility's settings.</summary>
    private static string ConditionLabel(ConditionName name) => name switch
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

    private static string BasisLabel(ReleaseBasis basis) => basis switch
    {
        ReleaseBasis.PembebasanBersyarat => ReleaseFile.BasisPembebasanBersyarat,
        ReleaseBasis.CutiBersyarat => ReleaseFile.BasisCutiBersyarat,
        ReleaseBasis.CutiMenjelangBebas => ReleaseFile.BasisCutiMenjelangBebas,
        ReleaseBasis.Ekspirasi => ReleaseFile.BasisEkspirasi,
        ReleaseBasis.Released => ReleaseFile.BasisReleased,
        _ => ReleaseFile.BasisNone,
    };

    private static string ChecklistLabel(ChecklistItemName item) => item switch
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

    private const int ChartWidth = 300, ChartHeight = 120, ChartTop = 14, ChartBottom = 22, ChartLeft = 4;

    /// <summary>One month's bar of the training chart, in SVG user units.</summary>
    private sealed record Bar(int X, int Y, int Width, int Height, int Middle, string Hours, string Month);

    /// <summary>The chart's bars: the last twelve months with training, inline SVG so the page needs no script.</summary>
    private List<Bar> Bars
    {
        get
        {
            var months = Skills.ByMonth;
            if (months.Count == 0)
            {
                return [];
            }
            var shown = months.OrderBy(m => m.Year).ThenBy(m => m.Month).TakeLast(12).ToList();
            var max = Math.Max(1, shown.Max(m => m.Minutes));
            // A month is at most 40 px wide, so a few months do not turn into one wide block.
            var slot = Math.Min(40, (ChartWidth - ChartLeft) / shown.Count);
            return shown.Select((m, i) =>
            {
                var height = (int)((long)m.Minutes * (ChartHeight - ChartTop - ChartBottom) / max);
                var x = ChartLeft + (i * slot) + 2;
                return new Bar(x, ChartHeight - ChartBottom - height, Math.Max(2, slot - 4), height, x + ((slot - 4) / 2), Hours(m.Minutes), Format.ShortMonth(m.Year, m.Month));
            }).ToList();
        }
    }
}
