using System.Globalization;
using Ledger.Core.Premi;
using NodaTime;

namespace Ledger.Core.Text;

/// <summary>
/// The one place where dates, months, periods, numbers and rupiah become text, in the reader's language
/// (<see cref="Language"/>): Indonesian readers get "30 November 2026" and "Rp600.000"; English readers of the
/// API get the ISO date "2026-11-30" it has always answered, and the same rupiah.
/// </summary>
public static class Format
{
    /// <summary>A day: "30 November 2026" (Indonesian) or "2026-11-30" (English); "–" for none.</summary>
    public static string Date(LocalDate? date) => date switch
    {
        null => Formats.None,
        { } d when Language.IsIndonesian => $"{d.Day} {MonthName(d.Month)} {d.Year}",
        { } d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>A day as an HTML date input and a query string carry it, "2026-11-30", in either language.</summary>
    public static string InputDate(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A day in words in either language: "30 November 2026" — for printouts, where ISO reads badly.</summary>
    public static string LongDate(LocalDate date) => $"{date.Day} {MonthName(date.Month)} {date.Year}";

    /// <summary>The month's name: "Agustus" / "August".</summary>
    public static string MonthName(int month) => Formats.Months.Split(',')[month - 1];

    /// <summary>A month of a year, short: "Agu 25".</summary>
    public static string ShortMonth(int year, int month) => $"{Formats.ShortMonths.Split(',')[month - 1]} {year % 100:00}";

    /// <summary>Whole rupiah with dots between thousands: Rp675.000 (the Indonesian way, in both languages).</summary>
    public static string Rupiah(Rupiah amount) => amount.ToString();

    /// <summary>Whole rupiah: Rp675.000.</summary>
    public static string Rupiah(long amount) => new Rupiah(amount).ToString();

    /// <summary>A number with at most one decimal: "53,3" (Indonesian) or "53.3" (English).</summary>
    public static string Number(decimal value)
    {
        var text = value.ToString("0.#", CultureInfo.InvariantCulture);
        return Language.IsIndonesian ? text.Replace('.', ',') : text;
    }

    /// <summary>A whole number with thousands separated: "5.400" (Indonesian) or "5,400" (English).</summary>
    public static string Count(long value)
    {
        var text = value.ToString("#,0", CultureInfo.InvariantCulture);
        return Language.IsIndonesian ? text.Replace(',', '.') : text;
    }

    /// <summary>A length of time: "1 tahun 6 bulan" / "1 year(s) 6 month(s)"; "–" when zero.</summary>
    public static string Period(int years, int months, int days)
    {
        var parts = new List<string>();
        if (years > 0)
        {
            parts.Add(Catalogue.Fill(Formats.Years, years));
        }
        if (months > 0)
        {
            parts.Add(Catalogue.Fill(Formats.MonthsCount, months));
        }
        if (days > 0)
        {
            parts.Add(Catalogue.Fill(Formats.Days, days));
        }
        return parts.Count == 0 ? Formats.None : string.Join(" ", parts);
    }
}
