using System.Globalization;
using Ledger.Core.Premi;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Web.PremiPages;

/// <summary>How the premi pages say a scheme's kind, its terms and a run's status, and read what an officer typed.</summary>
public static class PremiWords
{
    /// <summary>The four kinds in the order the form offers them, each with the word the address uses (<c>?jenis=</c>).</summary>
    public static readonly IReadOnlyList<(PremiSchemeKind Kind, string Slug)> Kinds =
    [
        (PremiSchemeKind.PieceRate, "borongan"),
        (PremiSchemeKind.DayRate, "harian"),
        (PremiSchemeKind.Monthly, "bulanan"),
        (PremiSchemeKind.ProfitShare, "bagi-hasil"),
    ];

    public static PremiSchemeKind? KindOfSlug(string? slug) => Kinds.FirstOrDefault(k => k.Slug == slug) is { Slug: not null } found ? found.Kind : null;

    public static string KindName(PremiSchemeKind kind) => kind switch
    {
        PremiSchemeKind.PieceRate => Premi.KindPieceRate,
        PremiSchemeKind.DayRate => Premi.KindDayRate,
        PremiSchemeKind.Monthly => Premi.KindMonthly,
        _ => Premi.KindProfitShare,
    };

    public static string KindHint(PremiSchemeKind kind) => kind switch
    {
        PremiSchemeKind.PieceRate => Premi.KindPieceRateHint,
        PremiSchemeKind.DayRate => Premi.KindDayRateHint,
        PremiSchemeKind.Monthly => Premi.KindMonthlyHint,
        _ => Premi.KindProfitShareHint,
    };

    public static string StatusName(PremiRunStatus status) => status switch
    {
        PremiRunStatus.Draft => Premi.StatusDraft,
        PremiRunStatus.Approved => Premi.StatusApproved,
        _ => Premi.StatusCancelled,
    };

    /// <summary>A version's terms in words: "Rp20.000 per hari kerja (≥ 240 menit); 50% ditabung; batas bulanan Rp600.000".</summary>
    public static string Terms(PremiSchemeVersion v)
    {
        var rate = v.Rate is { } r ? Format.Rupiah(r) : Formats.None;
        var pay = v.Kind switch
        {
            PremiSchemeKind.PieceRate => Catalogue.Fill(Premi.TermsPieceRate, rate),
            PremiSchemeKind.DayRate => Catalogue.Fill(Premi.TermsDayRate, rate, v.MinMinutesPerDay),
            PremiSchemeKind.Monthly => Catalogue.Fill(Premi.TermsMonthly, rate, v.MinDaysPerMonth, v.MinMinutesPerDay),
            _ => Catalogue.Fill(Premi.TermsProfitShare, v.Percent),
        };
        var parts = new List<string> { pay, Catalogue.Fill(Premi.TermsSavings, v.SavingsPercent) };
        if (v.MonthlyCap is { } cap)
        {
            parts.Add(Catalogue.Fill(Premi.TermsCap, Format.Rupiah(cap)));
        }
        return string.Join("; ", parts);
    }

    /// <summary>"mulai 1 Januari 2025" or "1 Januari 2025 – 31 Desember 2025".</summary>
    public static string Validity(PremiSchemeVersion v) => v.ValidTo is { } to
        ? Catalogue.Fill(Premi.ValidBetween, Format.Date(v.ValidFrom), Format.Date(to))
        : Catalogue.Fill(Premi.ValidFromOnly, Format.Date(v.ValidFrom));

    public static string Period(LocalDate from, LocalDate to) => Catalogue.Fill(Premi.PeriodText, Format.Date(from), Format.Date(to));

    /// <summary>
    /// Rupiah as an officer types it: "Rp1.234.000", "1.234.000", "1234000", "Rp 20.000". Blank is null (no amount);
    /// anything else that is not whole rupiah is refused (false), so a typo is never read as a different sum.
    /// </summary>
    public static bool TryRupiah(string? text, out long? amount)
    {
        amount = null;
        var plain = (text ?? "").Trim();
        if (plain.Length == 0)
        {
            return true;
        }
        if (plain.StartsWith("Rp", StringComparison.OrdinalIgnoreCase))
        {
            plain = plain[2..].TrimStart();
        }
        plain = plain.Replace(".", "", StringComparison.Ordinal);
        if (plain.Length is 0 or > 15 || !plain.All(char.IsAsciiDigit))
        {
            return false;
        }
        amount = long.Parse(plain, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>
    /// The id of what the first post of a form created (a scheme, a run), from the answer the pipeline stored: only
    /// the id is read, since the stored answer is the page's own JSON of the whole value (typed ids as {"value": ...}).
    /// </summary>
    public static Guid? ReplayedId(Ledger.Core.Storage.StoredResponse stored)
    {
        using var json = System.Text.Json.JsonDocument.Parse(stored.ResponseBody);
        return json.RootElement.TryGetProperty("id", out var id) && id.TryGetProperty("value", out var value) && value.TryGetGuid(out var guid) ? guid : null;
    }

    /// <summary>A day as a date input posts it ("2025-10-01"); blank is null, anything else is refused (false).</summary>
    public static bool TryDate(string? text, out LocalDate? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            date = LocalDate.FromDateOnly(day);
            return true;
        }
        return false;
    }
}
