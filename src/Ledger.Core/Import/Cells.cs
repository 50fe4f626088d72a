using System.Globalization;
using System.Text;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Import;

/// <summary>What a date cell holds: a day, no date at all, or the shape of a date naming no real day (31/11/2026).</summary>
public enum DateCell
{
    Day,
    NotADate,
    DoesNotExist,
}

/// <summary>
/// The parsers of the cells every imported table shares (training, the registry, work records): dates and whole
/// numbers, with the reason a cell is refused in the catalogue's words. Pure, so the rules are tested without a file.
/// </summary>
public static class Cells
{
    /// <summary>
    /// Reads a date cell: yyyy-MM-dd, and with <paramref name="dayFirst"/> also d/M/yyyy (dd/MM/yyyy as Indonesian
    /// spreadsheets write it). A cell in one of those shapes naming no real day (31/11/2026) is told apart from one
    /// that is no date at all. Bytes, so a million training rows are read without making a string of each.
    /// </summary>
    public static DateCell ReadDate(ReadOnlySpan<byte> utf8, bool dayFirst, out LocalDate day)
    {
        day = default;
        int year, month, dayOfMonth;
        if (utf8.Length == 10 && utf8[4] == (byte)'-' && utf8[7] == (byte)'-')
        {
            (year, month, dayOfMonth) = (Digits(utf8[..4]), Digits(utf8.Slice(5, 2)), Digits(utf8.Slice(8, 2)));
        }
        else if (dayFirst && utf8.IndexOf((byte)'/') is var first and (1 or 2) && utf8[(first + 1)..].IndexOf((byte)'/') is var second and (1 or 2)
                 && utf8.Length - first - second - 2 == 4)
        {
            (dayOfMonth, month, year) = (Digits(utf8[..first]), Digits(utf8.Slice(first + 1, second)), Digits(utf8[(first + second + 2)..]));
        }
        else
        {
            return DateCell.NotADate;
        }
        if (year < 0 || month < 0 || dayOfMonth < 0)
        {
            return DateCell.NotADate;
        }
        if (year is < 1900 or > 9999 || month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return DateCell.DoesNotExist;
        }
        day = new LocalDate(year, month, dayOfMonth);
        return DateCell.Day;
    }

    /// <summary>
    /// A date cell written dd/MM/yyyy, d/M/yyyy or yyyy-MM-dd (an xlsx date cell arrives as yyyy-MM-dd): the day, or
    /// why the cell is refused ("wajib diisi", "bukan tanggal; tulis seperti 26/11/2026 ...", "bukan tanggal yang ada").
    /// </summary>
    public static string? Date(string cell, out LocalDate day)
    {
        day = default;
        if (cell.Length == 0)
        {
            return Text.Import.Required;
        }
        return ReadDate(Encoding.UTF8.GetBytes(cell), dayFirst: true, out day) switch
        {
            DateCell.Day => null,
            DateCell.DoesNotExist => Text.Import.DateDoesNotExist,
            _ => Text.Import.DateNotDayFirst,
        };
    }

    /// <summary>
    /// A whole number from <paramref name="min"/> to <paramref name="max"/> (a sign allowed, so -1 is refused for its
    /// range, not its spelling; "3.0" as a spreadsheet may write a whole number is read as 3): the number, or why the
    /// cell is refused. An empty cell is "wajib diisi"; a caller for whom empty means 0 checks that first.
    /// </summary>
    public static string? WholeNumber(string cell, int min, int max, out int value)
    {
        value = 0;
        if (cell.Length == 0)
        {
            return Text.Import.Required;
        }
        if (!decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || number != decimal.Truncate(number))
        {
            return Fields.MustBeWholeNumber;
        }
        if (number < min || number > max)
        {
            return Catalogue.Fill(Fields.MustBeBetween, min, max);
        }
        value = (int)number;
        return null;
    }

    private static int Digits(ReadOnlySpan<byte> utf8)
    {
        var value = 0;
        foreach (var b in utf8)
        {
            var digit = b - (byte)'0';
            if (digit is < 0 or > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
