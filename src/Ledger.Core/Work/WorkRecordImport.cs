using System.Text;
using System.Text.RegularExpressions;
using Ledger.Core.Facilities;
using Ledger.Core.Import;
using Ledger.Core.Input;
using Ledger.Core.Storage;
using Ledger.Core.Text;
using MiniExcelLibs;
using NodaTime;

namespace Ledger.Core.Work;

/// <summary>
/// One problem of a work-records file: the line, the column as the file's header writes it (or <c>header</c>,
/// <c>row</c>), the cell, the reason, and the whole sentence in the reader's language.
/// </summary>
public sealed record WorkImportProblem(int Line, string Column, string? Value, string Reason, string Message)
{
    /// <summary>The key of the problem in a 400's <c>errors</c>: <c>line 7: Tanggal</c>.</summary>
    public string ErrorKey() => $"line {Line}: {Column}";
}

/// <summary>One person's rows in a file, added up: days, minutes, units produced and passed QC.</summary>
public sealed record WorkImportTotal(string RegistrationNumber, int Days, int Minutes, long UnitsProduced, long UnitsPassed);

/// <summary>What an applied file wrote: one batch of work records on the order.</summary>
public sealed record WorkImported(Guid BatchId, WorkOrderId WorkOrderId, int Rows, IReadOnlyList<WorkImportTotal> People, IReadOnlyList<WorkRecord> Records);

/// <summary>
/// What a work-records file would write (a dry run) or wrote: the rows read, the rows to write (all of them when the
/// file is clean, none otherwise: all or nothing), every problem by line (the first 1,000 listed), each person's totals,
/// and for an applied file what it wrote.
/// </summary>
public sealed record WorkImportReport(bool DryRun, WorkOrderId WorkOrderId, int Rows, int RowsToWrite, int ProblemCount, IReadOnlyList<WorkImportProblem> Problems,
    IReadOnlyList<WorkImportTotal> People, WorkImported? Imported) : IPreview
{
    /// <summary>The file has no problem: it was written, or (a dry run) would be.</summary>
    public bool Accepted => ProblemCount == 0;

    /// <summary>A refused file's heading, in the reader's language.</summary>
    public static string RefusedTitle => Text.Import.Refused;

    /// <summary>How many problems in how many rows, and whether only the first are listed.</summary>
    public string RefusedDetail() =>
        Catalogue.Fill(Text.Import.RefusedDetail, ProblemCount, Rows) + (Problems.Count < ProblemCount ? Catalogue.Fill(Text.Import.FirstListed, Problems.Count) : "");
}

/// <summary>
/// Work records by file: a CSV (comma or semicolon) or an xlsx's first sheet with the columns No. Registrasi, Tanggal,
/// Menit, Unit Diproduksi, Unit Lolos QC (or their English names). The file's cells are read by the shared
/// <see cref="SheetReader"/>, and its rows are then checked as ONE JSON batch is (<see cref="WorkStore.CheckBatchAsync"/>:
/// the same rules, the same words, the same fixed number of queries), each problem moved from <c>[i].field</c> to
/// the row's line and column. All or nothing; a dry run writes nothing.
/// </summary>
public static partial class WorkRecordImport
{
    public const string RegistrationNumberColumn = "registrationNumber";
    public const string DateColumn = "date";
    public const string MinutesColumn = "minutes";
    public const string UnitsProducedColumn = "unitsProduced";
    public const string UnitsPassedColumn = "unitsPassedQc";

    /// <summary>A work order's file of a few thousand rows fits well; a longer one is refused, to be split.</summary>
    public const int MaxRows = 10_000;

    private const int MaxListedProblems = 1_000;

    /// <summary>The columns, in the template's order.</summary>
    public static readonly SheetColumns Columns = new(
        new SheetColumn(RegistrationNumberColumn, "No. Registrasi", true, "Nomor Registrasi"),
        new SheetColumn(DateColumn, "Tanggal", true),
        new SheetColumn(MinutesColumn, "Menit", true),
        new SheetColumn(UnitsProducedColumn, "Unit Diproduksi", true),
        new SheetColumn(UnitsPassedColumn, "Unit Lolos QC", true, "unitsPassed"));

    /// <summary>The column of the file a field of a batch row comes from.</summary>
    private static readonly Dictionary<string, string> ColumnOfField = new(StringComparer.Ordinal)
    {
        ["inmateId"] = RegistrationNumberColumn, ["registrationNumber"] = RegistrationNumberColumn, ["date"] = DateColumn,
        ["minutes"] = MinutesColumn, ["unitsProduced"] = UnitsProducedColumn, ["unitsPassed"] = UnitsPassedColumn,
    };

    /// <summary>One readable row of the file: its line, its cells as written (in <see cref="Columns"/>' order) and the batch row it makes.</summary>
    private sealed record FileRow(int Line, string[] Cells, string Number, NewWorkRecord Record);

    /// <summary>
    /// Reads and checks the whole file in the session's transaction and, unless <paramref name="dryRun"/> or a problem,
    /// writes every row as one batch (audited once, <c>work-record.import</c>). Problems are worded in the current UI culture.
    /// </summary>
    public static async Task<WorkImportReport> PreviewOrImportAsync(WriteSession session, Facility facility, WorkOrderId orderId, Stream file, string? mediaType,
        bool dryRun, CancellationToken ct)
    {
        var (reader, headerProblems) = await OpenAsync(file, mediaType, ct);
        if (reader is null)
        {
            return Report(dryRun, orderId, 0, headerProblems, [], [], null, column => Columns.NameOf(column));
        }
        await using (reader)
        {
            var (rows, problems) = await ReadRowsAsync(reader, ct);
            var errors = new FieldErrors();
            var checkedRows = rows.Count == 0 ? []
                : await WorkStore.CheckBatchAsync(session, facility, orderId, [.. rows.Select(r => (NewWorkRecord?)r.Record)], MaxRows, errors, ct);
            problems.AddRange(errors.Entries.SelectMany(e => e.Reasons.Select(reason => ProblemOf(e.Field, reason, rows))));
            var totals = Totals(rows);
            WorkImported? imported = null;
            if (problems.Count == 0 && !dryRun)
            {
                var records = await WorkStore.InsertBatchAsync(session, facility, orderId, checkedRows, "work-record.import", ct);
                imported = new WorkImported(records[0].BatchId, orderId, records.Count, totals, records);
                session.AfterCommit(() => Pipeline.LedgerMetrics.ImportedRows.Add(records.Count, new KeyValuePair<string, object?>("kind", "work")));
            }
            return Report(dryRun, orderId, reader.Rows, problems, rows, totals, imported, reader.ColumnName);
        }
    }

    /// <summary>
    /// Reads every row: the registration number in its normal form and the cells as dates and whole numbers; their
    /// ranges are the batch's rules, checked after. A row repeating an earlier line's person and day is refused (a
    /// file is a register of one row per person per day), as is an unknown column (a misspelt header would otherwise
    /// be dropped unseen) and a file over <see cref="MaxRows"/>.
    /// </summary>
    private static async Task<(List<FileRow> Rows, List<ImportProblem> Problems)> ReadRowsAsync(SheetReader reader, CancellationToken ct)
    {
        var problems = reader.IgnoredColumns.Select(name => new ImportProblem(1, "header", name,
            Catalogue.Fill(Text.WorkImport.UnknownColumn, name, string.Join(", ", Columns.TemplateHeader(Language.IsIndonesian))))).ToList();
        var rows = new List<FileRow>();
        var firstLine = new Dictionary<(string, LocalDate), int>();
        while (await reader.ReadAsync(ct))
        {
            if (reader.Rows > MaxRows)
            {
                problems.Add(new ImportProblem(reader.Line, "row", null, Catalogue.Fill(Text.WorkImport.TooManyRows, MaxRows)));
                break;
            }
            if (reader.ShapeProblem() is { } shape)
            {
                problems.Add(shape);
                continue;
            }
            var line = reader.Line;
            var cells = Columns.All.Select(c => reader.Cell(c.Name)).ToArray();
            var before = problems.Count;
            void Refuse(int cell, string reason) => problems.Add(new ImportProblem(line, Columns.All[cell].Name, cells[cell].Length == 0 ? null : cells[cell], reason));
            if (!RegistrationNumber.TryNormalize(cells[0], out var number, out var numberProblem))
            {
                Refuse(0, numberProblem);
            }
            if (Cells.Date(cells[1], out var day) is { } dateProblem)
            {
                Refuse(1, dateProblem);
            }
            var numbers = new int[3];
            for (var i = 0; i < numbers.Length; i++)
            {
                if (Cells.WholeNumber(cells[i + 2], int.MinValue, int.MaxValue, out numbers[i]) is { } numberCellProblem)
                {
                    Refuse(i + 2, numberCellProblem);
                }
            }
            if (problems.Count > before)
            {
                continue;
            }
            if (!firstLine.TryAdd((number!, day), line))
            {
                Refuse(1, Catalogue.Fill(Text.WorkImport.RepeatsLine, firstLine[(number!, day)]));
                continue;
            }
            rows.Add(new FileRow(line, cells, number!, new NewWorkRecord(null, day, numbers[0], numbers[1], numbers[2], number)));
        }
        problems.AddRange(reader.MalformedRows());
        if (reader.Rows == 0)
        {
            problems.Add(new ImportProblem(2, "row", null, Text.Import.NoRows));
        }
        return (rows, problems);
    }

    /// <summary>A problem of the batch check (<c>[3].minutes</c>) as the problem of the file's row and column it came from.</summary>
    private static ImportProblem ProblemOf(string key, string reason, List<FileRow> rows)
    {
        var match = BatchKey().Match(key);
        var i = match.Success ? int.Parse(match.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture) : -1;
        if (i < 0 || i >= rows.Count || !ColumnOfField.TryGetValue(match.Groups[2].Value, out var column))
        {
            return new ImportProblem(1, "row", null, reason);
        }
        var cell = rows[i].Cells[Columns.All.ToList().FindIndex(c => c.Name == column)];
        return new ImportProblem(rows[i].Line, column, cell.Length == 0 ? null : cell, reason);
    }

    [GeneratedRegex(@"^\[(\d+)\]\.(\w+)$", RegexOptions.CultureInvariant)]
    private static partial Regex BatchKey();

    private static List<WorkImportTotal> Totals(List<FileRow> rows) =>
        [.. rows.GroupBy(r => r.Number, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new WorkImportTotal(g.Key, g.Select(r => r.Record.Date).Distinct().Count(), g.Sum(r => r.Record.Minutes!.Value),
                g.Sum(r => (long)r.Record.UnitsProduced!.Value), g.Sum(r => (long)r.Record.UnitsPassed!.Value)))];

    private static WorkImportReport Report(bool dryRun, WorkOrderId orderId, int rowCount, IEnumerable<ImportProblem> problems, List<FileRow> rows,
        List<WorkImportTotal> totals, WorkImported? imported, Func<string, string> columnName)
    {
        var order = Columns.All.Select(c => c.Name).ToList();
        var all = problems.OrderBy(p => p.Line).ThenBy(p => p.Column is "header" or "row" ? -1 : order.IndexOf(p.Column)).ToList();
        var listed = all.Take(MaxListedProblems).Select(p => Worded(p, p.Column is "header" or "row" ? p.Column : columnName(p.Column))).ToList();
        return new WorkImportReport(dryRun, orderId, rowCount, all.Count == 0 ? rows.Count : 0, all.Count, listed, totals, imported);
    }

    /// <summary>A problem with its column named as in the file, and its sentence.</summary>
    private static WorkImportProblem Worded(ImportProblem problem, string column)
    {
        var message = problem.Column is "header" or "row" ? Catalogue.Fill(Text.Import.ProblemOfLine, problem.Line, problem.Reason)
            : string.IsNullOrEmpty(problem.Value) ? Catalogue.Fill(Text.Import.ProblemOfCell, problem.Line, column, problem.Reason)
            : Catalogue.Fill(Text.Import.ProblemWithValue, problem.Line, column, problem.Value, problem.Reason);
        return new WorkImportProblem(problem.Line, column, problem.Value, problem.Reason, message);
    }

    /// <summary>An xlsx (its media type, or a seekable upload starting with a zip's "PK\x03\x04") or else a CSV; the first sheet of a workbook.</summary>
    private static async Task<(SheetReader? Reader, IReadOnlyList<ImportProblem> Problems)> OpenAsync(Stream file, string? mediaType, CancellationToken ct)
    {
        var xlsx = string.Equals(mediaType, Skills.TrainingUpload.XlsxMediaType, StringComparison.OrdinalIgnoreCase);
        if (!xlsx && file.CanSeek)
        {
            var start = file.Position;
            var signature = new byte[4];
            var read = await file.ReadAtLeastAsync(signature, signature.Length, throwOnEndOfStream: false, ct);
            file.Position = start;
            xlsx = read == 4 && signature is [(byte)'P', (byte)'K', 3, 4];
        }
        return xlsx ? await SheetReader.OpenXlsxAsync(file, Columns, [], ct) : await SheetReader.OpenCsvAsync(file, Columns, ct);
    }

    /// <summary>
    /// The empty template named by a request: <paramref name="format"/> <c>csv</c> (default, semicolons and a byte
    /// order mark, as spreadsheets with a decimal comma read it) or <c>xlsx</c>; <paramref name="language"/> <c>id</c>
    /// (default: No. Registrasi;Tanggal;Menit;Unit Diproduksi;Unit Lolos QC) or <c>en</c>. Anything else is refused naming the field.
    /// </summary>
    public static (byte[] Content, string FileName, string MediaType) Template(string? format, string? language)
    {
        var errors = new FieldErrors();
        var (chosen, indonesian) = TemplateChoice.Read(format, language, errors);
        errors.ThrowIfAny();
        var names = Columns.TemplateHeader(indonesian);
        var culture = indonesian ? Language.Indonesian : Language.English;
        var name = Text.WorkImport.ResourceManager.GetString(nameof(Text.WorkImport.TemplateFileName), culture)!;
        var sheet = Text.WorkImport.ResourceManager.GetString(nameof(Text.WorkImport.SheetName), culture)!;
        if (chosen == TemplateFormat.Csv)
        {
            return ([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join(';', names) + "\r\n")], name + ".csv",
                Skills.TrainingImport.TemplateMediaType(TemplateFormat.Csv));
        }
        using var xlsx = new MemoryStream();
        var header = names.Select((n, i) => (Key: ((char)('A' + i)).ToString(), Name: (object?)n)).ToDictionary(x => x.Key, x => x.Name);
        xlsx.SaveAs(new[] { header }, printHeader: false, sheetName: sheet, excelType: ExcelType.XLSX);
        return (xlsx.ToArray(), name + ".xlsx", Skills.TrainingImport.TemplateMediaType(TemplateFormat.Xlsx));
    }
}
