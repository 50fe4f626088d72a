using System.Globalization;
using Ledger.Core.Readiness;
using Ledger.Core.Sentences;
using Ledger.Core.Skills;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using NodaTime;

namespace Ledger.Api.Readiness;

/// <summary>
/// The printable release file (berkas kesiapan bebas): one A4 page or two, in Bahasa Indonesia, with the same
/// facts as the readiness summary. Plain HTML and inline SVG, no script, its style a static asset. Register-F
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

    /// <summary>The page as one HTML document, rendered outside any Blazor circuit.</summary>
    public static async Task<string> RenderAsync(IServiceProvider services, ReadinessSummary summary, LocalDate printedOn, string printedBy, bool showDisciplineDetails)
    {
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(Summary)] = summary,
            [nameof(PrintedOn)] = printedOn,
            [nameof(PrintedBy)] = printedBy,
            [nameof(ShowDisciplineDetails)] = showDisciplineDetails,
        });
        return await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<ReleaseFilePage>(parameters)).ToHtmlString());
    }

    private PersonFacts Person => Summary.Person;

    private SentenceDates Dates => Summary.Dates;

    private SkillsView Skills => Summary.Skills;

    private string SentenceText => Person.Sentence.Kind switch
    {
        SentenceKind.Life => "Seumur hidup",
        SentenceKind.Death => "Pidana mati",
        _ => Indonesian.Period(Person.Sentence.Years, Person.Sentence.Months, Person.Sentence.Days),
    };

    private string FacilityCity => Person.FacilityName.Split(' ').LastOrDefault() ?? Person.FacilityName;

    private static string Hours(int minutes) => Indonesian.Number(Math.Round(minutes / 60m, 1, MidpointRounding.AwayFromZero));

    private static (string Label, string Css) RightStatusLabel(RightStatus status) => status switch
    {
        RightStatus.Eligible => ("Memenuhi syarat", "ok"),
        RightStatus.Almost => ("Hampir", "almost"),
        RightStatus.NotYet => ("Belum", "muted"),
        _ => ("Tidak berlaku", "muted"),
    };

    /// <summary>Indonesian names of the calculator's conditions; the numbers in them come from the facility's settings.</summary>
    private static string ConditionLabel(ConditionName name) => name switch
    {
        ConditionName.FixedSentence => "pidana waktu tertentu (bukan seumur hidup/mati)",
        ConditionName.HalfServed => "½ masa pidana dijalani",
        ConditionName.TwoThirdsServed => "⅔ masa pidana dijalani",
        ConditionName.HasRemisi => "pernah menerima remisi",
        ConditionName.BeforeAdjustedExpiry => "sebelum ekspirasi",
        ConditionName.NoDisciplineWithin(var months) => $"tidak tercatat di register F selama {months} bulan terakhir",
        ConditionName.TwoThirdsAtLeast(var days) => $"⅔ masa pidana paling sedikit {days} hari",
        ConditionName.SentenceAtMost(var months) => $"pidana paling lama {months} bulan",
        ConditionName.WithinLastRemisiOfAdjustedExpiry => "dalam masa remisi terakhir sebelum ekspirasi",
        ConditionName.WithinMonthsOfAdjustedExpiry(var months) => $"dalam {months} bulan sebelum ekspirasi",
        _ => name.ToString(),
    };

    private static string BasisLabel(ReleaseBasis basis) => basis switch
    {
        ReleaseBasis.PembebasanBersyarat => "pembebasan bersyarat",
        ReleaseBasis.CutiBersyarat => "cuti bersyarat",
        ReleaseBasis.CutiMenjelangBebas => "cuti menjelang bebas",
        ReleaseBasis.Ekspirasi => "ekspirasi",
        ReleaseBasis.Released => "telah bebas",
        _ => "tidak ada ekspirasi",
    };

    private static string ChecklistLabel(ChecklistItemName item) => item switch
    {
        ChecklistItemName.CompetentCertificateValidAtRelease => "Sertifikat kompeten yang berlaku saat bebas",
        ChecklistItemName.RequiredTrainingReached => "Jam pelatihan wajib tercapai",
        ChecklistItemName.SavingsForTravelHome => "Tabungan cukup untuk ongkos pulang",
        ChecklistItemName.NoDisciplineWithin(var months) => $"Tidak ada catatan register F {months} bulan terakhir",
        _ => item.ToString(),
    };

    private string ChecklistDetail(ChecklistItem item)
    {
        switch (item.Item)
        {
            case ChecklistItemName.CompetentCertificateValidAtRelease:
                var valid = Summary.Certificates.Where(c => c.ValidAtRelease).Select(c => c.Certificate.Title).ToList();
                return valid.Count > 0 ? string.Join(", ", valid) : "belum ada sertifikat kompeten yang berlaku pada " + Indonesian.Date(Summary.ExpectedRelease.Date);
            case ChecklistItemName.RequiredTrainingReached:
                var best = Summary.Skills.Programmes.Where(p => p.RequiredMinutes is > 0).OrderByDescending(p => p.ProgressPercent).FirstOrDefault();
                return best is null ? "belum ada program dengan jam wajib" : $"{best.ProgrammeName}: {Hours(best.Minutes)} dari {Hours(best.RequiredMinutes!.Value)} jam ({best.ProgressPercent}%)";
            case ChecklistItemName.SavingsForTravelHome:
                return $"tabungan {Indonesian.Rupiah(Summary.Premi.Savings)}";
            default:
                var recent = Summary.Discipline.Where(e => e.OccurredOn <= Summary.AsOf).OrderByDescending(e => e.OccurredOn).FirstOrDefault();
                if (item.Passed || recent is null)
                {
                    return "tidak ada catatan";
                }
                return ShowDisciplineDetails ? $"{Indonesian.Date(recent.OccurredOn)}: {recent.Description}" : $"tercatat {Indonesian.Date(recent.OccurredOn)}";
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
                return new Bar(x, ChartHeight - ChartBottom - height, Math.Max(2, slot - 4), height, x + ((slot - 4) / 2), Hours(m.Minutes), Indonesian.ShortMonth(m.Year, m.Month));
            }).ToList();
        }
    }
}
