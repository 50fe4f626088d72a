using Ledger.Core.Text;

namespace Ledger.Core.Import;

/// <summary>
/// Reads one table of an upload (a CSV file, or one sheet of an xlsx workbook) row by row as it streams: the header
/// is matched against the table's <see cref="SheetColumns"/>, then each non-blank row hands out its cells by
/// canonical column name, as written (trimmed; an xlsx date cell as yyyy-MM-dd, a number as written). What the cells
/// mean is the caller's rule; this checks only the shape of the file (the header, a row's number of fields, quotes).
/// </summary>
public sealed class SheetReader : IAsyncDisposable
{
    private readonly ISheetRows _rows;
    private readonly SheetColumns _columns;
    private readonly IAsyncDisposable? _owner;
    private readonly int _fieldsNeeded;

    private SheetReader(ISheetRows rows, SheetColumns columns, SheetLayout layout, string? sheetName, IAsyncDisposable? owner)
    {
        _rows = rows;
        _columns = columns;
        _owner = owner;
        Layout = layout;
        SheetName = sheetName;
        // A row may end before its optional columns (an editor drops trailing separators), not before a required one.
        _fieldsNeeded = columns.All.Where(c => c.Required).Select(c => layout.Index[c.Name]).DefaultIfEmpty(-1).Max() + 1;
    }

    /// <summary>Where the columns are, the header as written and the columns ignored.</summary>
    public SheetLayout Layout { get; }

    /// <summary>The sheet's name as the workbook writes it, or null for a CSV file.</summary>
    public string? SheetName { get; }

    /// <summary>The file's columns that the table does not read, as written.</summary>
    public IReadOnlyList<string> IgnoredColumns => Layout.IgnoredColumns;

    /// <summary>The row's line in the file, or its row number in the sheet (1 is the header).</summary>
    public int Line => _rows.Line;

    /// <summary>Non-blank rows read so far.</summary>
    public int Rows { get; private set; }

    /// <summary>Whether the file has the column (an optional one may be absent).</summary>
    public bool Has(string column) => Layout.Index.ContainsKey(column);

    /// <summary>A column's header as the file writes it (for problem messages), or its name in the reader's language when absent.</summary>
    public string ColumnName(string column) => Layout.HeaderOf(column) ?? _columns.NameOf(column);

    /// <summary>The current row's cell of a canonical column, trimmed; empty when the column or the cell is absent.</summary>
    public string Cell(string column) => Layout.Index.TryGetValue(column, out var i) && i < _rows.FieldCount ? _rows.Cell(i) : "";

    /// <summary>Moves to the next row that is not blank; false at the end of the table.</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken ct)
    {
        if (await _rows.ReadAsync(ct))
        {
            Rows++;
            return true;
        }
        return false;
    }

    /// <summary>Why the row cannot be read as the header's columns (a CSV row ending before a required column: a wrong separator), or null.</summary>
    public ImportProblem? ShapeProblem() =>
        _rows.FieldCount < _fieldsNeeded
            ? new ImportProblem(Line, "row", _rows.Raw, Catalogue.Fill(Text.Import.FieldCount, _rows.FieldCount, _fieldsNeeded, Layout.Separator))
            : null;

    /// <summary>The rows that could not be read at all (a CSV row's quotes, a damaged sheet), after the last row is read; each counts as a row.</summary>
    public IEnumerable<ImportProblem> MalformedRows() => _rows.MalformedRows();

    /// <summary>
    /// Opens a CSV file (comma or semicolon, detected; UTF-8 with or without a byte order mark) and reads its header:
    /// the reader, or the header's problems and nothing to dispose.
    /// </summary>
    public static async Task<(SheetReader? Reader, IReadOnlyList<ImportProblem> Problems)> OpenCsvAsync(Stream csv, SheetColumns columns, CancellationToken ct)
    {
        var rows = await CsvRows.OpenAsync(csv, ct);
        return await WithHeaderAsync(rows, columns, sheetName: null, owner: null);
    }

    /// <summary>
    /// Opens one sheet of an xlsx upload on its own: the first sheet whose name is one of <paramref name="sheetNames"/>
    /// (matched as headers are), or else the first sheet. The reader owns the workbook's temporary copy.
    /// </summary>
    public static async Task<(SheetReader? Reader, IReadOnlyList<ImportProblem> Problems)> OpenXlsxAsync(Stream xlsx, SheetColumns columns,
        IReadOnlyList<string> sheetNames, CancellationToken ct)
    {
        var (workbook, problem) = await XlsxWorkbook.OpenAsync(xlsx, ct);
        if (workbook is null)
        {
            return (null, [problem!]);
        }
        var (reader, problems) = await workbook.OpenSheetAsync(workbook.FindSheet(sheetNames) ?? workbook.SheetNames[0], columns, owned: true, ct);
        if (reader is null)
        {
            await workbook.DisposeAsync();
        }
        return (reader, problems);
    }

    /// <summary>Reads the header of opened rows; the reader, or the header's problems with the rows disposed.</summary>
    internal static async Task<(SheetReader? Reader, IReadOnlyList<ImportProblem> Problems)> WithHeaderAsync(ISheetRows rows, SheetColumns columns,
        string? sheetName, IAsyncDisposable? owner)
    {
        var (layout, problems) = columns.ParseHeader(rows.Header, rows.Separator);
        if (layout is null)
        {
            await rows.DisposeAsync();
            return (null, problems);
        }
        return (new SheetReader(rows, columns, layout, sheetName, owner), []);
    }

    public async ValueTask DisposeAsync()
    {
        await _rows.DisposeAsync();
        if (_owner is not null)
        {
            await _owner.DisposeAsync();
        }
    }
}

/// <summary>The rows of one table as a file holds them, CSV (<see cref="CsvRows"/>) or a sheet (<see cref="XlsxRows"/>).</summary>
internal interface ISheetRows : IAsyncDisposable
{
    /// <summary>The header row as written (trimmed).</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>The CSV's separator, or ';' for a sheet (only for messages).</summary>
    char Separator { get; }

    /// <summary>Moves to the next row that is not blank.</summary>
    ValueTask<bool> ReadAsync(CancellationToken ct);

    int Line { get; }

    int FieldCount { get; }

    /// <summary>A cell by its position, trimmed (position below <see cref="FieldCount"/>).</summary>
    string Cell(int index);

    /// <summary>The whole row as written, for a problem of its shape.</summary>
    string? Raw { get; }

    IEnumerable<ImportProblem> MalformedRows();
}
