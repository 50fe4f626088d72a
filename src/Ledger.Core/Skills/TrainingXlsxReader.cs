using System.Text;
using Ledger.Core.Import;

namespace Ledger.Core.Skills;

/// <summary>
/// Reads the first sheet of an .xlsx training workbook row by row (<see cref="XlsxWorkbook"/>: MiniExcel streams the
/// sheet's XML, so a long sheet is never held in memory). The columns are those of the CSV (<see cref="TrainingCsv"/>);
/// a date cell is taken as its day (whatever its display format), a number as written, and a text cell is read
/// exactly as the same text in a CSV would be.
/// </summary>
public sealed class TrainingXlsxReader : ITrainingRows
{
    private readonly XlsxWorkbook _workbook;
    private readonly XlsxRows _rows;
    private byte[] _date = [];
    private byte[] _minutes = [];

    private TrainingXlsxReader(XlsxWorkbook workbook, XlsxRows rows, CsvLayout layout)
    {
        _workbook = workbook;
        _rows = rows;
        Layout = layout;
    }

    public CsvLayout Layout { get; }

    public IReadOnlyList<string> Header => _rows.Header;

    public int Line => _rows.Line;

    /// <summary>
    /// Opens the workbook and reads its first sheet's header row. The upload is first copied to a temporary file
    /// (deleted on close): a zip is read from its end, and a request body cannot seek.
    /// </summary>
    public static async Task<(ITrainingRows? Rows, IReadOnlyList<ImportProblem> Problems)> OpenAsync(Stream xlsx, CancellationToken ct)
    {
        var (workbook, problem) = await XlsxWorkbook.OpenAsync(xlsx, ct);
        if (workbook is null)
        {
            return (null, [problem!]);
        }
        var rows = workbook.OpenRows(workbook.SheetNames[0]);
        if (rows is null)
        {
            await workbook.DisposeAsync();
            return (null, [new ImportProblem(1, "header", null, Core.Text.Import.NotAWorkbook)]);
        }
        var (layout, problems) = TrainingCsv.ParseHeader(rows.Header, ';');
        if (layout is not null)
        {
            return (new TrainingXlsxReader(workbook, rows, layout), []);
        }
        await rows.DisposeAsync();
        await workbook.DisposeAsync();
        return (null, problems);
    }

    public async ValueTask<bool> ReadAsync(CancellationToken ct)
    {
        if (!await _rows.ReadAsync(ct))
        {
            return false;
        }
        _date = Encoding.UTF8.GetBytes(_rows.Cell(Layout.Date));
        _minutes = Encoding.UTF8.GetBytes(_rows.Cell(Layout.Minutes));
        return true;
    }

    /// <summary>A row of a sheet always has every column (a missing cell is empty).</summary>
    public ImportProblem? ShapeProblem() => null;

    public string RegistrationNumber => _rows.Cell(Layout.RegistrationNumber);

    public string ProgrammeCode => _rows.Cell(Layout.ProgrammeCode);

    public ReadOnlySpan<byte> Date => _date;

    public ReadOnlySpan<byte> Minutes => _minutes;

    public string? Note => Layout.Note is { } index ? _rows.Cell(index) : null;

    public IEnumerable<ImportProblem> MalformedRows() => _rows.MalformedRows();

    public async ValueTask DisposeAsync()
    {
        await _rows.DisposeAsync();
        await _workbook.DisposeAsync();
    }
}
