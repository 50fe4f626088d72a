using System.Globalization;
using NodaTime;

namespace Ledger.Core.Skills;

/// <summary>One refused cell (or the header, or the whole file) of a training import: where, what it held and why.</summary>
public sealed record ImportProblem(int Line, string Column, string? Value, string Reason)
{
    /// <summary>The key of the problem in a 400's <c>errors</c>: <c>line 7: date</c>.</summary>
    public string ErrorKey() => $"line {Line}: {Column}";
}

/// <summary>Where the columns of a training CSV are, and its separator.</summary>
public sealed record CsvLayout(char Separator, int RegistrationNumber, int ProgrammeCode, int Date, int Minutes, int? Note, IReadOnlyList<string> IgnoredColumns);

/// <summary>
/// The format of a training import: a header <c>registrationNumber,programmeCode,date,minutes</c> (any order,
/// optional <c>note</c>), comma or semicolon delimited as spreadsheets export it, dates as yyyy-MM-dd and
/// minutes as whole numbers. Pure functions, so the rules of the format are tested without a database.
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

    private static readonly string[] Required = [RegistrationNumber, ProgrammeCode, Date, Minutes];

    /// <summary>
    /// Finds the columns in the header's names (any order, any case); the separator is the one the reader detected
    /// from the file's first lines (comma, or semicolon as spreadsheets with a decimal comma export, as in
    /// Indonesia). Returns the problems instead when a column is missing or repeated.
    /// </summary>
    public static (CsvLayout? Layout, IReadOnlyList<ImportProblem> Problems) ParseHeader(IReadOnlyList<string> header, char separator)
    {
        var expected = $"expected the header {string.Join(',', Required)} (optionally {Note}), separated by commas or semicolons";
        var names = header.Select(n => n.Trim()).ToList();
        var text = string.Join(separator, names);
        if (names.All(n => n.Length == 0))
        {
            return (null, [new ImportProblem(1, "header", null, $"the file is empty; {expected}")]);
        }
        var problems = new List<ImportProblem>();
        int? Find(string column)
        {
            var indexes = names.Select((n, i) => (n, i)).Where(x => string.Equals(x.n, column, StringComparison.OrdinalIgnoreCase)).Select(x => x.i).ToList();
            if (indexes.Count > 1)
            {
                problems.Add(new ImportProblem(1, "header", text, $"the column {column} appears more than once"));
            }
            return indexes.Count == 0 ? null : indexes[0];
        }
        var found = Required.Select(Find).ToList();
        var note = Find(Note);
        var missing = Required.Where((_, i) => found[i] is null).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new ImportProblem(1, "header", text, $"missing {string.Join(", ", missing)}; {expected}"));
        }
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        var known = Required.Append(Note).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ignored = names.Where(n => !known.Contains(n)).ToList();
        return (new CsvLayout(separator, found[0]!.Value, found[1]!.Value, found[2]!.Value, found[3]!.Value, note, ignored), []);
    }

    /// <summary>
    /// A day written yyyy-MM-dd, nothing else: 08/09/2025 is 8 September in Indonesia and 9 August elsewhere,
    /// so guessing could silently move a session by a month.
    /// </summary>
    public static LocalDate? ParseDate(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length != 10 || utf8[4] != (byte)'-' || utf8[7] != (byte)'-')
        {
            return null;
        }
        var (year, month, day) = (Digits(utf8[..4]), Digits(utf8.Slice(5, 2)), Digits(utf8.Slice(8, 2)));
        return year is >= 1900 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(year, month)
            ? new LocalDate(year, month, day)
            : null;
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

    /// <inheritdoc cref="ParseDate(ReadOnlySpan{byte})"/>
    public static LocalDate? ParseDate(string text) => ParseDate(System.Text.Encoding.UTF8.GetBytes(text));

    public const string DateFormatProblem = "is not a day written yyyy-MM-dd (such as 2025-09-08); format the column as yyyy-mm-dd before exporting";

    /// <summary>A whole number of minutes, optionally signed (so -30 is refused for its sign, not its spelling).</summary>
    public static int? ParseMinutes(ReadOnlySpan<byte> utf8) =>
        int.TryParse(utf8, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minutes) ? minutes : null;

    /// <inheritdoc cref="ParseMinutes(ReadOnlySpan{byte})"/>
    public static int? ParseMinutes(string text) => ParseMinutes(System.Text.Encoding.UTF8.GetBytes(text));

    public const string MinutesFormatProblem = "is not a whole number of minutes";

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
