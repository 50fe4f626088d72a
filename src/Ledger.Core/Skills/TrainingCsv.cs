using System.Globalization;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Skills;

/// <summary>One refused cell (or the header, or the whole file) of a training import: where, what it held and why.</summary>
public sealed record ImportProblem(int Line, string Column, string? Value, string Reason)
{
    /// <summary>The key of the problem in a 400's <c>errors</c>: <c>line 7: date</c>.</summary>
    public string ErrorKey() => $"line {Line}: {Column}";
}

/// <summary>What a date cell holds: a day, no date at all, or the shape of a date naming no real day (31/11/2026).</summary>
public enum DateCell
{
    Day,
    NotADate,
    DoesNotExist,
}

/// <summary>Where the columns of a training CSV are, and its separator.</summary>
public sealed record CsvLayout(char Separator, int RegistrationNumber, int ProgrammeCode, int Date, int Minutes, int? Note, IReadOnlyList<string> IgnoredColumns);

/// <summary>
/// The format of a training import, in two dialects a header tells apart. The English template: a header
/// <c>registrationNumber,programmeCode,date,minutes</c> (optional <c>note</c>) and dates yyyy-MM-dd only. The
/// Indonesian one: <c>No Registrasi;Kode Program;Tanggal;Menit</c> (optional <c>Catatan</c>), dates dd/MM/yyyy as
/// Indonesian spreadsheets write them, or yyyy-MM-dd. Header names are matched in any order, ignoring case, spaces
/// and dots; comma or semicolon delimited. Pure functions, so the rules of the format are tested without a database.
/// </summary>
public static class TrainingCsv
{
    public const string RegistrationNumber = "registrationNumber";
    public const string ProgrammeCode = "programmeCode";
    public const string Date = "date";
    public const string Minutes = "minutes";
    public const string Note = "note";

    /// <summary>The order in which the problems of one line are listed.</summary>
    public static readonly IReadOnlyList<string> ColumnOrder = ["header", "row", RegistrationNumber, ProgrammeCode, Date, Minutes, Note];

    /// <summary>The columns as the Indonesian template writes them, in the order of <see cref="Columns"/>.</summary>
    public static readonly IReadOnlyList<string> IndonesianColumns = ["No Registrasi", "Kode Program", "Tanggal", "Menit", "Catatan"];

    /// <summary>Every column, the four required ones first and the note last.</summary>
    public static readonly IReadOnlyList<string> Columns = [RegistrationNumber, ProgrammeCode, Date, Minutes, Note];

    private static readonly string[] Required = [RegistrationNumber, ProgrammeCode, Date, Minutes];

    /// <summary>The header names each column answers to, as <see cref="HeaderKey"/> writes them.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["registrationnumber"] = RegistrationNumber, ["noregistrasi"] = RegistrationNumber, ["nomorregistrasi"] = RegistrationNumber,
        ["programmecode"] = ProgrammeCode, ["kodeprogram"] = ProgrammeCode,
        ["date"] = Date, ["tanggal"] = Date,
        ["minutes"] = Minutes, ["menit"] = Minutes,
        ["note"] = Note, ["catatan"] = Note, ["keterangan"] = Note,
    };

    /// <summary>A header name without case, spaces, dots, dashes or underscores: <c>No. Registrasi</c> is <c>noregistrasi</c>.</summary>
    public static string HeaderKey(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));

    /// <summary>The column a header name stands for, or null for a column the import ignores.</summary>
    public static string? ColumnOf(string name) => Aliases.GetValueOrDefault(HeaderKey(name));

    /// <summary>
    /// Whether a date column so named is in the Indonesian dialect, whose dates may be written dd/MM/yyyy: a file
    /// with an English <c>date</c> header keeps yyyy-MM-dd only, because 08/09/2025 is 8 September in Indonesia and
    /// 9 August elsewhere, and guessing could silently move a session by a month.
    /// </summary>
    public static bool DayFirst(string dateHeader) => HeaderKey(dateHeader) == "tanggal";

    /// <summary>A column's name in the reader's language: <c>date</c> or <c>Tanggal</c>.</summary>
    public static string NameOf(string column) =>
        Language.IsIndonesian && Columns.ToList().IndexOf(column) is var i and >= 0 ? IndonesianColumns[i] : column;

    /// <summary>
    /// Finds the columns in the header's names (any order, case, spacing, either dialect); the separator is the one
    /// the reader detected from the file's first lines (comma, or semicolon as spreadsheets with a decimal comma
    /// export, as in Indonesia). Returns the problems instead when a column is missing or repeated.
    /// </summary>
    public static (CsvLayout? Layout, IReadOnlyList<ImportProblem> Problems) ParseHeader(IReadOnlyList<string> header, char separator)
    {
        var expected = Catalogue.Fill(Import.HeaderExpected, string.Join(Language.IsIndonesian ? ';' : ',', Required.Select(NameOf)), NameOf(Note));
        var names = header.Select(n => n.Trim()).ToList();
        var text = string.Join(separator, names);
        if (names.All(n => n.Length == 0))
        {
            return (null, [new ImportProblem(1, "header", null, Catalogue.Fill(Import.FileEmpty, expected))]);
        }
        var problems = new List<ImportProblem>();
        var columns = names.Select(ColumnOf).ToList();
        int? Find(string column)
        {
            var indexes = columns.Select((c, i) => (c, i)).Where(x => x.c == column).Select(x => x.i).ToList();
            if (indexes.Count > 1)
            {
                problems.Add(new ImportProblem(1, "header", text, Catalogue.Fill(Import.ColumnRepeated, NameOf(column))));
            }
            return indexes.Count == 0 ? null : indexes[0];
        }
        var found = Required.Select(Find).ToList();
        var note = Find(Note);
        var missing = Required.Where((_, i) => found[i] is null).Select(NameOf).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new ImportProblem(1, "header", text, Catalogue.Fill(Import.ColumnsMissing, string.Join(", ", missing), expected)));
        }
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        var ignored = names.Where((_, i) => columns[i] is null).ToList();
        return (new CsvLayout(separator, found[0]!.Value, found[1]!.Value, found[2]!.Value, found[3]!.Value, note, ignored), []);
    }

    /// <summary>A day written yyyy-MM-dd, nothing else (the English template).</summary>
    public static LocalDate? ParseDate(ReadOnlySpan<byte> utf8) => ReadDate(utf8, dayFirst: false, out var day) == DateCell.Day ? day : null;

    /// <summary>
    /// Reads a date cell: yyyy-MM-dd, and with <paramref name="dayFirst"/> (the Indonesian dialect) also d/M/yyyy.
    /// A cell in one of those shapes naming no real day (31/11/2026) is told apart from one that is no date at all.
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

    /// <summary>Why a date cell is refused: empty, not a date in the file's dialect, or a day that does not exist.</summary>
    public static string DateProblem(ReadOnlySpan<byte> utf8, bool dayFirst) =>
        utf8.IsEmpty ? Import.Required
        : ReadDate(utf8, dayFirst, out _) == DateCell.DoesNotExist && dayFirst ? Import.DateDoesNotExist
        : dayFirst ? Import.DateNotDayFirst
        : DateFormatProblem;

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

    /// <inheritdoc cref="ParseDate(ReadOnlySpan{byte})"/>
    public static LocalDate? ParseDate(string text) => ParseDate(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Why a cell of an English file is not a date: the template writes yyyy-MM-dd only.</summary>
    public static string DateFormatProblem => Import.DateNotIso;

    /// <summary>A whole number of minutes, optionally signed (so -30 is refused for its sign, not its spelling).</summary>
    public static int? ParseMinutes(ReadOnlySpan<byte> utf8) =>
        int.TryParse(utf8, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minutes) ? minutes : null;

    /// <inheritdoc cref="ParseMinutes(ReadOnlySpan{byte})"/>
    public static int? ParseMinutes(string text) => ParseMinutes(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Why a minutes cell is refused.</summary>
    public static string MinutesFormatProblem => Import.MinutesNotWhole;

    /// <summary>Why a note cell is refused (the free-text rule of a single entry's note, and its length), or null.</summary>
    public static string? NoteProblem(string note) => Input.FreeText.Problem(note, TrainingRules.MaxNoteLength, multiLine: true);

    /// <summary>Problems are listed by line, then in the columns' order.</summary>
    public static IEnumerable<ImportProblem> InReadingOrder(IEnumerable<ImportProblem> problems) =>
        problems.OrderBy(p => p.Line).ThenBy(p => ColumnIndex(p.Column));

    private static int ColumnIndex(string column)
    {
        for (var i = 0; i < ColumnOrder.Count; i++)
        {
            if (ColumnOrder[i] == column)
            {
                return i;
            }
        }
        return ColumnOrder.Count;
    }
}
