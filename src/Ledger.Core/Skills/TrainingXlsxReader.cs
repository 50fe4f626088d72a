using System.Globalization;
using System.Text;
using System.Xml;
using Ledger.Core.Text;
using MiniExcelLibs;

namespace Ledger.Core.Skills;

/// <summary>
/// Reads the first sheet of an .xlsx training workbook row by row with MiniExcel, which streams the sheet's XML, so
/// a long sheet is never held in memory. The columns are those of the CSV (<see cref="TrainingCsv"/>); a date cell
/// is taken as its day (whatever its display format), a number as written, and a text cell is read exactly as the
/// same text in a CSV would be.
/// </summary>
public sealed class TrainingXlsxReader : ITrainingRows
{
    private readonly FileStream _copy;
    private readonly IEnumerator<object> _rows;
    private readonly List<ImportProblem> _malformed = [];
    private string[] _cells = [];
    private byte[] _date = [];
    private byte[] _minutes = [];

    private TrainingXlsxReader(FileStream copy, IEnumerator<object> rows, CsvLayout layout, IReadOnlyList<string> header)
    {
        _copy = copy;
        _rows = rows;
        Layout = layout;
        Header = header;
    }

    public CsvLayout Layout { get; }

    public IReadOnlyList<string> Header { get; }

    public int Line { get; private set; } = 1;

    /// <summary>
    /// Opens the workbook and reads its header row. The upload is first copied to a temporary file (deleted on
    /// close): a zip is read from its end, and a request body cannot seek.
    /// </summary>
    public static async Task<(ITrainingRows? Rows, IReadOnlyList<ImportProblem> Problems)> OpenAsync(Stream xlsx, CancellationToken ct)
    {
        var copy = new FileStream(Path.Combine(Path.GetTempPath(), $"ledger-import-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        IEnumerator<object>? rows = null;
        try
        {
            await xlsx.CopyToAsync(copy, ct);
            copy.Position = 0;
            rows = copy.Query(useHeaderRow: false, excelType: ExcelType.XLSX).GetEnumerator();
            IReadOnlyList<string> header = rows.MoveNext() ? Cells(rows.Current) : [];
            var (layout, problems) = TrainingCsv.ParseHeader(header, ';');
            if (layout is not null)
            {
                return (new TrainingXlsxReader(copy, rows, layout, header), []);
            }
            rows.Dispose();
            await copy.DisposeAsync();
            return (null, problems);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or InvalidOperationException or NotSupportedException)
        {
            rows?.Dispose();
            await copy.DisposeAsync();
            return (null, [new ImportProblem(1, "header", null, Import.NotAWorkbook)]);
        }
        catch
        {
            rows?.Dispose();
            await copy.DisposeAsync();
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
                    _date = Encoding.UTF8.GetBytes(Cell(Layout.Date));
                    _minutes = Encoding.UTF8.GetBytes(Cell(Layout.Minutes));
                    return ValueTask.FromResult(true);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or XmlException)
        {
            // A damaged sheet ends the reading at the row where it broke; that row is reported.
            _malformed.Add(new ImportProblem(Line + 1, "row", null, Import.NotAWorkbook));
        }
        return ValueTask.FromResult(false);
    }

    /// <summary>A row of a sheet always has every column (a missing cell is empty).</summary>
    public ImportProblem? ShapeProblem() => null;

    public string RegistrationNumber => Cell(Layout.RegistrationNumber);

    public string ProgrammeCode => Cell(Layout.ProgrammeCode);

    public ReadOnlySpan<byte> Date => _date;

    public ReadOnlySpan<byte> Minutes => _minutes;

    public string? Note => Layout.Note is { } index ? Cell(index) : null;

    public IEnumerable<ImportProblem> MalformedRows() => _malformed;

    public async ValueTask DisposeAsync()
    {
        _rows.Dispose();
        await _copy.DisposeAsync();
    }

    private string Cell(int index) => index < _cells.Length ? _cells[index] : "";

    /// <summary>A row's cells in column order (MiniExcel names them A, B, ... AA).</summary>
    private static string[] Cells(object row)
    {
        var cells = (IDictionary<string, object?>)row;
        var texts = new string[cells.Count == 0 ? 0 : cells.Keys.Max(ColumnIndex) + 1];
        Array.Fill(texts, "");
        foreach (var (column, value) in cells)
        {
            texts[ColumnIndex(column)] = Text(value);
        }
        return texts;
    }

    private static int ColumnIndex(string letters) => letters.Aggregate(0, (index, letter) => index * 26 + (letter - 'A' + 1)) - 1;

    /// <summary>
    /// A cell as the CSV would hold it: a date cell as its day yyyy-MM-dd (any time of day dropped), a number as
    /// written (120, or 3.5 which minutes refuse), text trimmed.
    /// </summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime moment => moment.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        string text => text.Trim(),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()?.Trim() ?? "",
    };
}
