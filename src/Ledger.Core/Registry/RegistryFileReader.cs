using System.Runtime.CompilerServices;
using Ledger.Core.Import;
using Ledger.Core.Input;
using NodaTime;

namespace Ledger.Core.Registry;

/// <summary>
/// An opened registry file: one <see cref="SheetReader"/> per sheet present (the people always; remisi and register F
/// when the file has them), each read once as it streams, its rows checked by <see cref="RegistryRowRules"/>.
/// </summary>
internal sealed class RegistryFileReader : IRegistryFile
{
    private readonly Dictionary<RegistrySheet, SheetReader> _sheets;
    private readonly XlsxWorkbook? _workbook;
    private readonly Dictionary<RegistrySheet, int> _malformed = [];

    private RegistryFileReader(Dictionary<RegistrySheet, SheetReader> sheets, XlsxWorkbook? workbook)
    {
        _sheets = sheets;
        _workbook = workbook;
        IgnoredColumns = [.. sheets.OrderBy(s => s.Key).SelectMany(s => s.Value.IgnoredColumns.Select(column => $"{SheetName(s.Key)}: {column}"))];
    }

    public IReadOnlyList<string> IgnoredColumns { get; }

    public string SheetName(RegistrySheet sheet) =>
        _sheets.TryGetValue(sheet, out var reader) && reader.SheetName is { } name ? name : RegistrySheets.Name(sheet);

    public string ColumnName(RegistrySheet sheet, string column) =>
        _sheets.TryGetValue(sheet, out var reader) ? reader.ColumnName(column) : RegistrySheets.Columns(sheet).NameOf(column);

    public int Rows(RegistrySheet sheet) => (_sheets.TryGetValue(sheet, out var reader) ? reader.Rows : 0) + _malformed.GetValueOrDefault(sheet);

    public IAsyncEnumerable<PersonRow> PeopleAsync(ICollection<RegistryProblem> problems, LocalDate today, CancellationToken ct)
    {
        // A registration number a second time is a problem of the later row, wherever else the rows differ.
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        return ReadAsync(RegistrySheet.People, problems, (line, cell) =>
        {
            if (RegistrationNumber.NormalizeOrNull(cell(RegistryColumns.RegistrationNumber)) is { } number && !firstLines.TryAdd(number, line))
            {
                problems.Add(new RegistryProblem(RegistrySheet.People, line, RegistryColumns.RegistrationNumber, cell(RegistryColumns.RegistrationNumber),
                    Text.Catalogue.Fill(Text.Registry.RegistrationRepeated, firstLines[number])));
                RegistryRowRules.Person(line, cell, today, problems);
                return null;
            }
            return RegistryRowRules.Person(line, cell, today, problems);
        }, ct);
    }

    public IAsyncEnumerable<RemisiRow> RemisiAsync(ICollection<RegistryProblem> problems, LocalDate today, CancellationToken ct) =>
        ReadAsync(RegistrySheet.Remisi, problems, (line, cell) => RegistryRowRules.Remisi(line, cell, today, problems), ct);

    public IAsyncEnumerable<RegisterFRow> RegisterFAsync(ICollection<RegistryProblem> problems, LocalDate today, CancellationToken ct) =>
        ReadAsync(RegistrySheet.RegisterF, problems, (line, cell) => RegistryRowRules.RegisterF(line, cell, today, problems), ct);

    /// <summary>The sheet's valid rows (none when the file has no such sheet); every other row's problems added.</summary>
    private async IAsyncEnumerable<T> ReadAsync<T>(RegistrySheet sheet, ICollection<RegistryProblem> problems, Func<int, Func<string, string>, T?> check,
        [EnumeratorCancellation] CancellationToken ct)
        where T : class
    {
        if (!_sheets.TryGetValue(sheet, out var reader))
        {
            yield break;
        }
        while (await reader.ReadAsync(ct))
        {
            if (reader.ShapeProblem() is { } shape)
            {
                problems.Add(Located(sheet, shape));
            }
            else if (check(reader.Line, reader.Cell) is { } row)
            {
                yield return row;
            }
        }
        var malformed = reader.MalformedRows().ToList();
        _malformed[sheet] = malformed.Count;
        foreach (var problem in malformed)
        {
            problems.Add(Located(sheet, problem));
        }
    }

    internal static RegistryProblem Located(RegistrySheet sheet, ImportProblem problem) =>
        new(sheet, problem.Line, problem.Column, problem.Value is { Length: > 100 } value ? value[..100] + "…" : problem.Value, problem.Reason);

    /// <summary>Opens an upload's sheets (<see cref="RegistryFile.OpenAsync"/>).</summary>
    public static async Task<(IRegistryFile? File, IReadOnlyList<RegistryProblem> Problems)> OpenAsync(RegistryUpload upload, CancellationToken ct)
    {
        var sheets = new Dictionary<RegistrySheet, SheetReader>();
        var problems = new List<RegistryProblem>();
        XlsxWorkbook? workbook = null;
        try
        {
            if (upload.Workbook is not null)
            {
                (workbook, var problem) = await XlsxWorkbook.OpenAsync(upload.Workbook, ct);
                if (workbook is null)
                {
                    return (null, [Located(RegistrySheet.People, problem!)]);
                }
                await OpenSheetsAsync(workbook, sheets, problems, ct);
            }
            else
            {
                foreach (var (sheet, csv) in new[] { (RegistrySheet.People, upload.People), (RegistrySheet.Remisi, upload.Remisi), (RegistrySheet.RegisterF, upload.RegisterF) })
                {
                    if (csv is not null)
                    {
                        Add(sheet, await SheetReader.OpenCsvAsync(csv, RegistrySheets.Columns(sheet), ct), sheets, problems);
                    }
                }
            }
            if (!sheets.ContainsKey(RegistrySheet.People) && !problems.Any(p => p.Sheet == RegistrySheet.People))
            {
                problems.Add(new RegistryProblem(RegistrySheet.People, 1, "sheet", null, Text.Registry.PeopleMissing));
            }
            if (problems.Count == 0)
            {
                var file = new RegistryFileReader(sheets, workbook);
                (sheets, workbook) = ([], null);
                return (file, []);
            }
            return (null, problems);
        }
        finally
        {
            await DisposeAsync(sheets.Values, workbook);
        }
    }

    /// <summary>
    /// The workbook's sheets by their names; the people sheet may also be the first sheet when none is so named and
    /// the first is not one of the others.
    /// </summary>
    private static async Task OpenSheetsAsync(XlsxWorkbook workbook, Dictionary<RegistrySheet, SheetReader> sheets, List<RegistryProblem> problems,
        CancellationToken ct)
    {
        var names = Enum.GetValues<RegistrySheet>().ToDictionary(sheet => sheet, sheet => workbook.FindSheet(RegistrySheets.Names(sheet)));
        if (names[RegistrySheet.People] is null && !names.ContainsValue(workbook.SheetNames[0]))
        {
            names[RegistrySheet.People] = workbook.SheetNames[0];
        }
        foreach (var (sheet, name) in names)
        {
            if (name is not null)
            {
                Add(sheet, await workbook.OpenSheetAsync(name, RegistrySheets.Columns(sheet), owned: false, ct), sheets, problems);
            }
        }
    }

    private static void Add(RegistrySheet sheet, (SheetReader? Reader, IReadOnlyList<ImportProblem> Problems) opened, Dictionary<RegistrySheet, SheetReader> sheets,
        List<RegistryProblem> problems)
    {
        if (opened.Reader is not null)
        {
            sheets[sheet] = opened.Reader;
        }
        problems.AddRange(opened.Problems.Select(p => Located(sheet, p)));
    }

    public ValueTask DisposeAsync() => DisposeAsync(_sheets.Values, _workbook);

    private static async ValueTask DisposeAsync(IEnumerable<SheetReader> sheets, XlsxWorkbook? workbook)
    {
        foreach (var sheet in sheets)
        {
            await sheet.DisposeAsync();
        }
        if (workbook is not null)
        {
            await workbook.DisposeAsync();
        }
    }
}
