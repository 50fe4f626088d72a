using System.Text;
using Ledger.Core.Import;
using Ledger.Core.Text;

namespace Ledger.Core.Skills;

/// <summary>
/// Reads a training CSV row by row and hands out its cells as they are written, checking nothing but the shape of
/// the file (the header, a row's number of fields, its quotes; <see cref="CsvRows"/>). What the cells mean is for
/// <see cref="TrainingImportRules.CheckRow"/>. Dates and minutes are handed out as UTF-8 bytes, so a million valid
/// rows are parsed without making a string of each.
/// </summary>
public sealed class TrainingCsvReader : ITrainingRows
{
    private readonly CsvRows _rows;
    private readonly int _fieldsNeeded;

    private TrainingCsvReader(CsvRows rows, CsvLayout layout)
    {
        _rows = rows;
        Layout = layout;
        _fieldsNeeded = new[] { layout.RegistrationNumber, layout.ProgrammeCode, layout.Date, layout.Minutes, layout.Note ?? 0 }.Max() + 1;
    }

    /// <summary>Where the columns are, read from the header.</summary>
    public CsvLayout Layout { get; }

    /// <summary>The header's names as written (trimmed).</summary>
    public IReadOnlyList<string> Header => _rows.Header;

    /// <summary>
    /// Opens the file and reads its header: the reader, or the header's problems (and nothing to dispose) when
    /// a column is missing or repeated.
    /// </summary>
    /// <param name="csv">The file, UTF-8 with or without a byte order mark (spreadsheets write one, editors often do not); left open.</param>
    /// <param name="ct">Cancels the reading.</param>
    public static async Task<(TrainingCsvReader? Reader, IReadOnlyList<ImportProblem> HeaderProblems)> OpenAsync(Stream csv, CancellationToken ct)
    {
        var rows = await CsvRows.OpenAsync(csv, ct);
        var (layout, problems) = TrainingCsv.ParseHeader(rows.Header, rows.Separator);
        if (layout is null)
        {
            await rows.DisposeAsync();
            return (null, problems);
        }
        return (new TrainingCsvReader(rows, layout), []);
    }

    /// <summary>Moves to the next row that is not blank; false at the end of the file.</summary>
    public ValueTask<bool> ReadAsync(CancellationToken ct) => _rows.ReadAsync(ct);

    /// <summary>The row's line in the file (1 is the header).</summary>
    public int Line => _rows.Line;

    /// <summary>Why the row cannot be read as the header's columns (too few fields), or null.</summary>
    public ImportProblem? ShapeProblem() =>
        _rows.FieldCount < _fieldsNeeded
            ? new ImportProblem(Line, "row", _rows.Raw, Catalogue.Fill(Text.Import.FieldCount, _rows.FieldCount, _fieldsNeeded, Layout.Separator))
            : null;

    public string RegistrationNumber => _rows.Reader.GetString(Layout.RegistrationNumber) ?? "";

    public string ProgrammeCode => _rows.Reader.GetString(Layout.ProgrammeCode) ?? "";

    public ReadOnlySpan<byte> Date => _rows.Reader.GetSpan(Layout.Date);

    public ReadOnlySpan<byte> Minutes => _rows.Reader.GetSpan(Layout.Minutes);

    /// <summary>The note cell as written, or null when the file has no note column.</summary>
    public string? Note => Layout.Note is { } index ? _rows.Reader.GetString(index) : null;

    /// <summary>
    /// The rows skipped for their quotes, after the last row is read. Each is a row of the file, so it counts
    /// as one.
    /// </summary>
    public IEnumerable<ImportProblem> MalformedRows() => _rows.MalformedRows();

    public ValueTask DisposeAsync() => _rows.DisposeAsync();
}
