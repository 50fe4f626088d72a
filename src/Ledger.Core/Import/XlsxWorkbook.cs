using System.Globalization;
using System.Xml;
using MiniExcelLibs;

namespace Ledger.Core.Import;

/// <summary>
/// An uploaded xlsx workbook, copied to a temporary file (a zip is read from its end, and a request body cannot seek;
/// the file is deleted on dispose), whose sheets are read one row at a time with MiniExcel, which streams a sheet's
/// XML, so a long sheet is never held in memory. Several sheets may be open at once, each on its own stream.
/// </summary>
public sealed class XlsxWorkbook : IAsyncDisposable
{
    private readonly string _path;

    private XlsxWorkbook(string path, IReadOnlyList<string> sheetNames)
    {
        _path = path;
        SheetNames = sheetNames;
    }

    /// <summary>The sheets' names in the workbook's order (at least one).</summary>
    public IReadOnlyList<string> SheetNames { get; }

    /// <summary>Copies the upload (left open) and reads its sheets' names: the workbook, or why it cannot be read.</summary>
    public static async Task<(XlsxWorkbook? Workbook, ImportProblem? Problem)> OpenAsync(Stream xlsx, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ledger-import-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var copy = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await xlsx.CopyToAsync(copy, ct);
            }
            await using var read = Read(path);
            var names = read.GetSheetNames();
            if (names.Count > 0)
            {
                return (new XlsxWorkbook(path, names), null);
            }
        }
        catch (Exception e) when (IsDamaged(e))
        {
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        File.Delete(path);
        return (null, new ImportProblem(1, "header", null, Text.Import.NotAWorkbook));
    }

    /// <summary>The name of the first sheet called one of <paramref name="accepted"/> (ignoring case, spaces, dots and underscores), or null.</summary>
    public string? FindSheet(IEnumerable<string> accepted)
    {
        var keys = accepted.Select(SheetColumns.Key).ToHashSet(StringComparer.Ordinal);
        return SheetNames.FirstOrDefault(name => keys.Contains(SheetColumns.Key(name)));
    }

    /// <summary>
    /// Opens a sheet and reads its header row: the reader, or the header's problems. With <paramref name="owned"/> the
    /// reader disposes the workbook when it is disposed.
    /// </summary>
    public async Task<(SheetReader? Reader, IReadOnlyList<ImportProblem> Problems)> OpenSheetAsync(string sheetName, SheetColumns columns, bool owned,
        CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var rows = OpenRows(sheetName);
        if (rows is null)
        {
            return (null, [new ImportProblem(1, "header", null, Text.Import.NotAWorkbook)]);
        }
        return await SheetReader.WithHeaderAsync(rows, columns, sheetName, owned ? this : null);
    }

    /// <summary>A sheet's rows after its header row, on a stream of their own; null when the sheet cannot be read.</summary>
    internal XlsxRows? OpenRows(string sheetName) => XlsxRows.Open(Read(_path), sheetName);

    public ValueTask DisposeAsync()
    {
        File.Delete(_path);
        return ValueTask.CompletedTask;
    }

    private static FileStream Read(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);

    /// <summary>What MiniExcel throws for a file that is no workbook, or a damaged one.</summary>
    internal static bool IsDamaged(Exception e) => e is InvalidDataException or XmlException or InvalidOperationException or NotSupportedException;
}

/// <summary>The rows of one sheet, read with MiniExcel: a row always has every column (a missing cell is empty).</summary>
internal sealed class XlsxRows : ISheetRows
{
    private readonly FileStream _file;
    private readonly IEnumerator<object> _rows;
    private readonly List<ImportProblem> _malformed = [];
    private string[] _cells = [];

    private XlsxRows(FileStream file, IEnumerator<object> rows, IReadOnlyList<string> header)
    {
        _file = file;
        _rows = rows;
        Header = header;
    }

    public IReadOnlyList<string> Header { get; }

    public char Separator => ';';

    public int Line { get; private set; } = 1;

    public int FieldCount => int.MaxValue;

    public string? Raw => null;

    /// <summary>The sheet's rows after its header, or null (the file closed) when the sheet cannot be read.</summary>
    public static XlsxRows? Open(FileStream file, string sheetName)
    {
        IEnumerator<object>? rows = null;
        try
        {
            rows = file.Query(useHeaderRow: false, sheetName: sheetName, excelType: ExcelType.XLSX).GetEnumerator();
            IReadOnlyList<string> header = rows.MoveNext() ? Cells(rows.Current) : [];
            return new XlsxRows(file, rows, header);
        }
        catch (Exception e) when (XlsxWorkbook.IsDamaged(e))
        {
            rows?.Dispose();
            file.Dispose();
            return null;
        }
        catch
        {
            rows?.Dispose();
            file.Dispose();
            throw;
        }
    }

    public ValueTask<bool> ReadAsync(CancellationToken ct)
    {
        try
        {
            while (_rows.MoveNext())
            {
                ct.ThrowIfCancellationRequested();
                Line++;
                _cells = Cells(_rows.Current);
                if (_cells.Any(cell => cell.Length > 0))
                {
                    return ValueTask.FromResult(true);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or XmlException)
        {
            // A damaged sheet ends the reading at the row where it broke; that row is reported.
            _malformed.Add(new ImportProblem(Line + 1, "row", null, Text.Import.NotAWorkbook));
        }
        return ValueTask.FromResult(false);
    }

    public string Cell(int index) => index < _cells.Length ? _cells[index] : "";

    public IEnumerable<ImportProblem> MalformedRows() => _malformed;

    public async ValueTask DisposeAsync()
    {
        _rows.Dispose();
        await _file.DisposeAsync();
    }

    /// <summary>A row's cells in column order (MiniExcel names them A, B, ... AA).</summary>
    internal static string[] Cells(object row)
    {
        var cells = (IDictionary<string, object?>)row;
        var texts = new string[cells.Count == 0 ? 0 : cells.Keys.Max(ColumnIndex) + 1];
        Array.Fill(texts, "");
        foreach (var (column, value) in cells)
        {
            texts[ColumnIndex(column)] = AsText(value);
        }
        return texts;
    }

    private static int ColumnIndex(string letters) => letters.Aggregate(0, (index, letter) => index * 26 + (letter - 'A' + 1)) - 1;

    /// <summary>
    /// A cell as a CSV would hold it: a date cell as its day yyyy-MM-dd (any time of day dropped), a number as
    /// written (120, or 3.5), text trimmed.
    /// </summary>
    private static string AsText(object? value) => value switch
    {
        null => "",
        DateTime moment => moment.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        string text => text.Trim(),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()?.Trim() ?? "",
    };
}
