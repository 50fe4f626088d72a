using System.Globalization;
using Ledger.Core.Import;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Skills;

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

    /// <summary>The header names each column answers to, as <see cref="SheetColumns.Key"/> writes them.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["registrationnumber"] = RegistrationNumber, ["noregistrasi"] = RegistrationNumber, ["nomorregistrasi"] = RegistrationNumber,
        ["programmecode"] = ProgrammeCode, ["kodeprogram"] = ProgrammeCode,
        ["date"] = Date, ["tanggal"] = Date,
        ["minutes"] = Minutes, ["menit"] = Minutes,
        ["note"] = Note, ["catatan"] = Note, ["keterangan"] = Note,
    };

    /// <summary>The column a header name stands for, or null for a column the import ignores.</summary>
    public static string? ColumnOf(string name) => Aliases.GetValueOrDefault(SheetColumns.Key(name));

    /// <summary>
    /// Whether a date column so named is in the Indonesian dialect, whose dates may be written dd/MM/yyyy: a file
    /// with an English <c>date</c> header keeps yyyy-MM-dd only, because 08/09/2025 is 8 September in Indonesia and
    /// 9 August elsewhere, and guessing could silently move a session by a month.
    /// </summary>
    public static bool DayFirst(string dateHeader) => SheetColumns.Key(dateHeader) == "tanggal";

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
        var expected = Catalogue.Fill(Text.Import.HeaderExpected, string.Join(Language.IsIndonesian ? ';' : ',', Required.Select(NameOf)), NameOf(Note));
        var names = header.Select(n => n.Trim()).ToList();
        var text = string.Join(separator, names);
        if (names.All(n => n.Length == 0))
        {
            return (null, [new ImportProblem(1, "header", null, Catalogue.Fill(Text.Import.FileEmpty, expected))]);
        }
        var problems = new List<ImportProblem>();
        var columns = names.Select(ColumnOf).ToList();
        int? Find(string column)
        {
            var indexes = columns.Select((c, i) => (c, i)).Where(x => x.c == column).Select(x => x.i).ToList();
            if (indexes.Count > 1)
            {
                problems.Add(new ImportProblem(1, "header", text, Catalogue.Fill(Text.Import.ColumnRepeated, NameOf(column))));
            }
            return indexes.Count == 0 ? null : indexes[0];
        }
        var found = Required.Select(Find).ToList();
        var note = Find(Note);
        var missing = Required.Where((_, i) => found[i] is null).Select(NameOf).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new ImportProblem(1, "header", text, Catalogue.Fill(Text.Import.ColumnsMissing, string.Join(", ", missing), expected)));
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
    /// Reads a date cell: yyyy-MM-dd, and with <paramref name="dayFirst"/> (the Indonesian dialect) also d/M/yyyy
    /// (<see cref="Cells.ReadDate(ReadOnlySpan{byte}, bool, out LocalDate)"/>).
    /// </summary>
    public static DateCell ReadDate(ReadOnlySpan<byte> utf8, bool dayFirst, out LocalDate day) => Cells.ReadDate(utf8, dayFirst, out day);

    /// <summary>Why a date cell is refused: empty, not a date in the file's dialect, or a day that does not exist.</summary>
    public static string DateProblem(ReadOnlySpan<byte> utf8, bool dayFirst) =>
        utf8.IsEmpty ? Text.Import.Required
        : ReadDate(utf8, dayFirst, out _) == DateCell.DoesNotExist && dayFirst ? Text.Import.DateDoesNotExist
        : dayFirst ? Text.Import.DateNotDayFirst
        : DateFormatProblem;

    /// <inheritdoc cref="ParseDate(ReadOnlySpan{byte})"/>
    public static LocalDate? ParseDate(string text) => ParseDate(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Why a cell of an English file is not a date: the template writes yyyy-MM-dd only.</summary>
    public static string DateFormatProblem => Text.Import.DateNotIso;

    /// <summary>A whole number of minutes, optionally signed (so -30 is refused for its sign, not its spelling).</summary>
    public static int? ParseMinutes(ReadOnlySpan<byte> utf8) =>
        int.TryParse(utf8, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minutes) ? minutes : null;

    /// <inheritdoc cref="ParseMinutes(ReadOnlySpan{byte})"/>
    public static int? ParseMinutes(string text) => ParseMinutes(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Why a minutes cell is refused.</summary>
    public static string MinutesFormatProblem => Text.Import.MinutesNotWhole;

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
