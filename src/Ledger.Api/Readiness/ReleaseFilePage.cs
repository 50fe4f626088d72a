using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Ledger.Core.Premi;
using Ledger.Core.Readiness;
using Ledger.Core.Sentences;
using Ledger.Core.Skills;
using NodaTime;

namespace Ledger.Api.Readiness;

/// <summary>
/// The printable release file (berkas kesiapan bebas): one A4 page or two, in Bahasa Indonesia, with the same
/// facts as the readiness summary. Plain HTML and inline SVG, no script. Register-F descriptions are shown only
/// to the roles that prepare a release (reintegration, admin); others see the dates alone.
/// </summary>
public static class ReleaseFilePage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static string Render(ReadinessSummary summary, LocalDate printedOn, string printedBy, bool showDisciplineDetails)
    {
        var p = summary.Person;
        var html = new StringBuilder(16_384);
        html.Append("<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<title>Berkas Kesiapan Bebas – ").Append(E(p.FullName)).Append(" (").Append(E(p.RegistrationNumber)).Append(")</title>\n");
        html.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");

        html.Append("<header><div class=\"org\">KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN<br>").Append(E(p.FacilityName.ToUpperInvariant())).Append("</div>");
        html.Append("<h1>Berkas Kesiapan Bebas</h1>");
        html.Append("<div class=\"meta\">Per tanggal ").Append(Indonesian.Date(summary.AsOf)).Append(" · dicetak ").Append(Indonesian.Date(printedOn))
            .Append(" oleh ").Append(E(printedBy)).Append("</div></header>\n");

        Section(html, "1. Identitas");
        html.Append("<table class=\"kv\">");
        Row(html, "Nama", p.FullName);
        Row(html, "No. registrasi", p.RegistrationNumber);
        Row(html, "Tanggal lahir", Indonesian.Date(p.BirthDate));
        Row(html, "Lapas", p.FacilityName);
        Row(html, "Tanggal penahanan", Indonesian.Date(p.DetentionDate));
        Row(html, "Pidana", p.Sentence.Kind switch
        {
            SentenceKind.Life => "Seumur hidup",
            SentenceKind.Death => "Pidana mati",
            _ => Indonesian.Period(p.Sentence.Years, p.Sentence.Months, p.Sentence.Days),
        });
        html.Append("</table>\n");

        Section(html, "2. Tanggal dan hak bebas");
        var d = summary.Dates;
        html.Append("<table class=\"kv\">");
        Row(html, "Ekspirasi", Indonesian.Date(d.Expiry));
        Row(html, "Remisi diterima", d.RemissionMonths == 0 && d.RemissionDays == 0 ? "–" : Indonesian.Period(0, d.RemissionMonths, d.RemissionDays));
        Row(html, "Ekspirasi setelah remisi", Indonesian.Date(d.AdjustedExpiry));
        Row(html, "½ masa pidana", Indonesian.Date(d.HalfDate));
        Row(html, "⅔ masa pidana", Indonesian.Date(d.TwoThirdsDate));
        Row(html, "Perkiraan bebas", $"{Indonesian.Date(summary.ExpectedRelease.Date)} ({BasisLabel(summary.ExpectedRelease.Basis)})");
        html.Append("</table>\n");
        html.Append("<table class=\"grid\"><thead><tr><th>Hak</th><th>Status</th><th>Tanggal</th><th>Syarat</th></tr></thead><tbody>");
        Right(html, "Asimilasi", summary.Rights.Asimilasi);
        Right(html, "Pembebasan bersyarat", summary.Rights.PembebasanBersyarat);
        Right(html, "Cuti bersyarat", summary.Rights.CutiBersyarat);
        Right(html, "Cuti menjelang bebas", summary.Rights.CutiMenjelangBebas);
        html.Append("</tbody></table>\n");

        Section(html, "3. Keterampilan");
        var skills = summary.Skills;
        html.Append("<div class=\"two\"><div>");
        if (skills.Programmes.Count == 0)
        {
            html.Append("<p class=\"muted\">Belum ada pelatihan tercatat.</p>");
        }
        else
        {
            html.Append("<table class=\"grid\"><thead><tr><th>Program</th><th class=\"n\">Jam</th><th class=\"n\">JP</th><th class=\"n\">Capaian</th></tr></thead><tbody>");
            foreach (var programme in skills.Programmes)
            {
                html.Append("<tr><td>").Append(E(programme.ProgrammeName)).Append("</td><td class=\"n\">").Append(Hours(programme.Minutes))
                    .Append("</td><td class=\"n\">").Append(programme.Jp).Append("</td><td class=\"n\">")
                    .Append(programme.RequiredMinutes is { } required ? $"{programme.ProgressPercent}% dari {Hours(required)} jam" : "–").Append("</td></tr>");
            }
            html.Append("<tr class=\"total\"><td>Jumlah</td><td class=\"n\">").Append(Hours(skills.TotalMinutes)).Append("</td><td class=\"n\">")
                .Append(skills.TotalJp).Append("</td><td></td></tr></tbody></table>");
            html.Append("<p class=\"muted\">1 JP = ").Append(skills.MinutesPerJp).Append(" menit.</p>");
        }
        html.Append("</div><div>").Append(Chart(skills.ByMonth)).Append("</div></div>\n");

        Section(html, "4. Sertifikat");
        if (summary.Certificates.Count == 0)
        {
            html.Append("<p class=\"muted\">Belum ada sertifikat.</p>");
        }
        else
        {
            html.Append("<table class=\"grid\"><thead><tr><th>Sertifikat</th><th>Penerbit / nomor</th><th>Hasil</th><th>Terbit</th><th>Berlaku s.d.</th><th>Saat bebas</th></tr></thead><tbody>");
            foreach (var standing in summary.Certificates)
            {
                var c = standing.Certificate;
                html.Append("<tr><td>").Append(E(c.Title)).Append("</td><td>").Append(E(c.Issuer)).Append("<br><span class=\"muted\">").Append(E(c.Number)).Append("</span></td><td>")
                    .Append(c.Result == CertificateResult.Competent ? "Kompeten" : "Belum kompeten").Append("</td><td>").Append(Indonesian.Date(c.IssuedOn)).Append("</td><td>")
                    .Append(c.Revocation is { } revoked ? $"dicabut {Indonesian.Date(revoked.RevokedOn)}" : c.ValidUntil is null ? "tanpa batas" : Indonesian.Date(c.ValidUntil))
                    .Append("</td><td>").Append(standing.ValidAtRelease ? "<span class=\"ok\">berlaku</span>" : "<span class=\"no\">tidak berlaku</span>").Append("</td></tr>");
            }
            html.Append("</tbody></table>\n");
        }

        Section(html, "5. Kerja dan premi");
        var w = summary.Work;
        html.Append("<div class=\"two\"><div><table class=\"kv\">");
        Row(html, "Hari kerja", w.DaysWorked.ToString(CultureInfo.InvariantCulture));
        Row(html, "Unit diproduksi", Rupiah.Grouped(w.UnitsProduced));
        Row(html, "Unit lolos QC", Rupiah.Grouped(w.UnitsPassed));
        html.Append("</table>");
        foreach (var order in w.Orders)
        {
            html.Append("<p class=\"order\">").Append(E(order.Description));
            if (!string.IsNullOrEmpty(order.Buyer))
            {
                html.Append(" (pembeli: ").Append(E(order.Buyer)).Append(')');
            }
            html.Append(": ").Append(order.DaysWorked).Append(" hari, ").Append(Rupiah.Grouped(order.UnitsPassed)).Append(' ').Append(E(order.UnitName)).Append(" lolos QC</p>");
        }
        html.Append("</div><div><table class=\"kv\">");
        Row(html, "Premi dapat dibelanjakan", Indonesian.Rupiah(summary.Premi.Spendable));
        Row(html, "Tabungan (dibayar saat bebas)", Indonesian.Rupiah(summary.Premi.Savings));
        Row(html, "Jumlah dibawa pulang", Indonesian.Rupiah(summary.Premi.Total));
        Row(html, "Seluruh premi diperoleh", Indonesian.Rupiah(summary.Premi.TotalEarned));
        html.Append("</table></div></div>\n");

        Section(html, "6. Daftar periksa");
        html.Append("<table class=\"grid\"><tbody>");
        foreach (var item in summary.Checklist)
        {
            html.Append("<tr><td class=\"mark\">").Append(item.Passed ? "<span class=\"ok\">✓</span>" : "<span class=\"no\">✗</span>").Append("</td><td>")
                .Append(E(ChecklistLabel(item.Item))).Append("</td><td class=\"muted\">").Append(E(ChecklistDetail(item, summary, showDisciplineDetails))).Append("</td></tr>");
        }
        html.Append("</tbody></table>\n");

        html.Append("<p class=\"place\">").Append(E(FacilityCity(p.FacilityName))).Append(", ").Append(Indonesian.Date(printedOn)).Append("</p>\n");
        html.Append("<section class=\"sign\"><div><p>Warga binaan,</p><div class=\"line\"></div><p>").Append(E(p.FullName)).Append("</p></div>");
        html.Append("<div><p>Wali pemasyarakatan,</p><div class=\"line\"></div><p>NIP</p></div>");
        html.Append("<div><p>Kepala Seksi Kegiatan Kerja,</p><div class=\"line\"></div><p>NIP</p></div></section>\n");
        html.Append("<footer>Dokumen ini memuat data pribadi (UU 27/2022 tentang Pelindungan Data Pribadi): hanya untuk keperluan pembebasan.</footer>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>
    /// The page's Content-Security-Policy: its one inline style element (by hash) and nothing else: no script, no
    /// image, font or other load, no form, not framed.
    /// </summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The text of the style element exactly as written, which is what the policy's hash covers.</summary>
    private const string Style = "\n" + Css;

    private const string Css = """
        @page { size: A4; margin: 14mm 14mm 14mm 16mm; }
        * { box-sizing: border-box; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9pt; color: #111; margin: 0; line-height: 1.3; }
        header { border-bottom: 2px solid #111; margin-bottom: 6px; padding-bottom: 4px; }
        .org { font-size: 8pt; font-weight: bold; letter-spacing: .03em; }
        h1 { font-size: 15pt; margin: 4px 0 2px; }
        h2 { font-size: 10.5pt; margin: 10px 0 4px; padding-bottom: 2px; border-bottom: 1px solid #999; break-after: avoid; }
        .meta, .muted { color: #555; font-size: 8pt; }
        table { border-collapse: collapse; width: 100%; break-inside: avoid; }
        .kv td { padding: 1px 6px 1px 0; vertical-align: top; }
        .kv td:first-child { color: #444; width: 42%; }
        .grid th, .grid td { border: 1px solid #bbb; padding: 2px 4px; vertical-align: top; text-align: left; }
        .grid th { background: #eee; font-size: 8pt; }
        .n { text-align: right !important; white-space: nowrap; }
        .total td { font-weight: bold; }
        .two { display: flex; gap: 12px; }
        .two > div { flex: 1; }
        .ok { color: #116611; font-weight: bold; }
        .no { color: #aa1111; font-weight: bold; }
        .almost { color: #8a5a00; font-weight: bold; }
        .mark { width: 16px; text-align: center; }
        .order { margin: 2px 0; font-size: 8pt; }
        ul.cond { margin: 0; padding-left: 12px; font-size: 8pt; }
        .place { text-align: right; margin: 14px 0 0; }
        .sign { display: flex; gap: 16px; margin-top: 4px; break-inside: avoid; }
        .sign > div { flex: 1; }
        .sign .line { height: 42px; border-bottom: 1px solid #111; }
        .sign p { margin: 2px 0; }
        footer { margin-top: 10px; font-size: 7pt; color: #666; }
        svg text { font-family: inherit; }
        @media screen { body { max-width: 190mm; margin: 12px auto; } }
        """;

    private static string E(string? text) => Encoder.Encode(text ?? "");

    private static void Section(StringBuilder html, string title) => html.Append("<h2>").Append(E(title)).Append("</h2>\n");

    private static void Row(StringBuilder html, string label, string? value) =>
        html.Append("<tr><td>").Append(E(label)).Append("</td><td>").Append(E(value)).Append("</td></tr>");

    private static string Hours(int minutes) => Indonesian.Number(Math.Round(minutes / 60m, 1, MidpointRounding.AwayFromZero));

    private static void Right(StringBuilder html, string name, RightAssessment right)
    {
        var (label, css) = right.Status switch
        {
            RightStatus.Eligible => ("Memenuhi syarat", "ok"),
            RightStatus.Almost => ("Hampir", "almost"),
            RightStatus.NotYet => ("Belum", "muted"),
            _ => ("Tidak berlaku", "muted"),
        };
        html.Append("<tr><td>").Append(E(name)).Append("</td><td><span class=\"").Append(css).Append("\">").Append(label).Append("</span></td><td>")
            .Append(Indonesian.Date(right.Date)).Append("</td><td><ul class=\"cond\">");
        foreach (var condition in right.Conditions)
        {
            html.Append("<li>").Append(condition.Passed ? "✓ " : "✗ ").Append(E(ConditionLabel(condition.Name)));
            if (!condition.Passed && condition.PassesOn is { } on)
            {
                html.Append(" (terpenuhi ").Append(Indonesian.Date(on)).Append(')');
            }
            html.Append("</li>");
        }
        html.Append("</ul></td></tr>");
    }

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

    private static string ChecklistDetail(ChecklistItem item, ReadinessSummary summary, bool showDisciplineDetails)
    {
        switch (item.Item)
        {
            case ChecklistItemName.CompetentCertificateValidAtRelease:
                var valid = summary.Certificates.Where(c => c.ValidAtRelease).Select(c => c.Certificate.Title).ToList();
                return valid.Count > 0 ? string.Join(", ", valid) : "belum ada sertifikat kompeten yang berlaku pada " + Indonesian.Date(summary.ExpectedRelease.Date);
            case ChecklistItemName.RequiredTrainingReached:
                var best = summary.Skills.Programmes.Where(p => p.RequiredMinutes is > 0).OrderByDescending(p => p.ProgressPercent).FirstOrDefault();
                return best is null ? "belum ada program dengan jam wajib" : $"{best.ProgrammeName}: {Hours(best.Minutes)} dari {Hours(best.RequiredMinutes!.Value)} jam ({best.ProgressPercent}%)";
            case ChecklistItemName.SavingsForTravelHome:
                return $"tabungan {Indonesian.Rupiah(summary.Premi.Savings)}";
            default:
                var recent = summary.Discipline.Where(e => e.OccurredOn <= summary.AsOf).OrderByDescending(e => e.OccurredOn).FirstOrDefault();
                if (item.Passed || recent is null)
                {
                    return "tidak ada catatan";
                }
                return showDisciplineDetails ? $"{Indonesian.Date(recent.OccurredOn)}: {recent.Description}" : $"tercatat {Indonesian.Date(recent.OccurredOn)}";
        }
    }

    /// <summary>A bar chart of training hours per month, inline SVG so the page needs no script.</summary>
    private static string Chart(IReadOnlyList<MonthlyMinutes> months)
    {
        if (months.Count == 0)
        {
            return "";
        }
        var shown = months.OrderBy(m => m.Year).ThenBy(m => m.Month).TakeLast(12).ToList();
        const int width = 300, height = 120, top = 14, bottom = 22, left = 4;
        var max = Math.Max(1, shown.Max(m => m.Minutes));
        // A month is at most 40 px wide, so a few months do not turn into one wide block.
        var slot = Math.Min(40, (width - left) / shown.Count);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Jam pelatihan per bulan\">");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"10\" font-size=\"8\" fill=\"#333\">Jam pelatihan per bulan</text>");
        for (var i = 0; i < shown.Count; i++)
        {
            var m = shown[i];
            var barHeight = (int)((long)m.Minutes * (height - top - bottom) / max);
            var x = left + (i * slot) + 2;
            var y = height - bottom - barHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{Math.Max(2, slot - 4)}\" height=\"{barHeight}\" fill=\"#4a6fa5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + ((slot - 4) / 2)}\" y=\"{y - 2}\" font-size=\"7\" text-anchor=\"middle\">{Hours(m.Minutes)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + ((slot - 4) / 2)}\" y=\"{height - 8}\" font-size=\"7\" text-anchor=\"middle\">{Indonesian.ShortMonth(m.Year, m.Month)}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string FacilityCity(string facilityName) => facilityName.Split(' ').LastOrDefault() ?? facilityName;
}
