using System.Globalization;
using NodaTime;

namespace Ledger.Api.Readiness;

/// <summary>
/// Dates and money as Indonesian readers write them ("17 Agustus 2025", "Rp675.000"). The process runs with
/// invariant globalization, so the few words needed are here rather than in a culture database.
/// </summary>
public static class Indonesian
{
    private static readonly string[] Months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
    private static readonly string[] ShortMonths = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];

    public static string Date(LocalDate? date) => date is { } d ? $"{d.Day} {Months[d.Month - 1]} {d.Year}" : "–";

    public static string ShortMonth(int year, int month) => $"{ShortMonths[month - 1]} {year % 100:00}";

    /// <summary>Whole rupiah with dots between thousands: Rp675.000.</summary>
    public static string Rupiah(Core.Premi.Rupiah amount) => amount.ToString();

    /// <summary>A number with a decimal comma: 53,3.</summary>
    public static string Number(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture).Replace('.', ',');

    public static string Period(int years, int months, int days)
    {
        var parts = new List<string>();
        if (years > 0)
        {
            parts.Add($"{years} tahun");
        }
        if (months > 0)
        {
            parts.Add($"{months} bulan");
        }
        if (days > 0)
        {
            parts.Add($"{days} hari");
        }
        return parts.Count == 0 ? "–" : string.Join(" ", parts);
    }
}
