using System.Globalization;
using System.Text;
using Ledger.Core.Facilities;
using Ledger.Core.Import;
using Ledger.Core.Storage;
using Ledger.Core.Text;
using MiniExcelLibs;

namespace Ledger.Core.Skills;

/// <summary>
/// One problem of an import as its reader sees it: the line, the column named as the file's header writes it (or
/// <c>header</c>, <c>row</c>), the cell, the reason, and the whole sentence in the reader's language
/// ("Baris 4, kolom Tanggal: 31/11/2026 bukan tanggal yang ada").
/// </summary>
public sealed record ReportedProblem(int Line, string Column, string? Value, string Reason, string Message)
{
    /// <summary>The key of the problem in a 400's <c>errors</c>: <c>line 7: date</c>.</summary>
    public string ErrorKey() => $"line {Line}: {Column}";
}

/// <summary>
/// What an import did, or for a dry run would do: the rows read, the rows written (or that would be: all of them
/// when the file is clean, none otherwise, as an import is all or nothing), every problem by line (at most 10,000,
/// and how many there are), the columns ignored, and for a real import that was accepted, what it wrote.
/// </summary>
public sealed record TrainingImportReport(bool DryRun, int Rows, int RowsToWrite, int ProblemCount, IReadOnlyList<ReportedProblem> Problems,
    IReadOnlyList<string> IgnoredColumns, TrainingImported? Imported) : IPreview
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
/// The training import as one operation for every adapter (the API's endpoint, the staff page's upload): preview
/// or import this file, and the report. The steps are in <see cref="TrainingImportStore"/>.
/// </summary>
public static class TrainingImport
{
    /// <summary>
    /// Reads and checks the file (CSV or xlsx) in the session's transaction and, unless <paramref name="dryRun"/>,
    /// writes every row or none. A dry run writes nothing: the staging tables vanish with the transaction and no
    /// audit row is added. The problems' words are in the current UI culture.
    /// </summary>
    public static async Task<TrainingImportReport> PreviewOrImportAsync(WriteSession session, Facility facility, Stream file, string? mediaType, bool dryRun,
        CancellationToken ct)
    {
        var outcome = await TrainingImportStore.ImportAsync(session, facility, file, mediaType, dryRun, timing: null, ct);
        var problems = outcome.Problems.Select(p => Report(p, outcome.ColumnNames)).ToList();
        return new TrainingImportReport(dryRun, outcome.Rows, outcome.ProblemCount == 0 ? outcome.Rows : 0, outcome.ProblemCount, problems,
            outcome.IgnoredColumns, outcome.Imported);
    }

    /// <summary>A problem with its column named as in the file, and its sentence.</summary>
    private static ReportedProblem Report(ImportProblem problem, IReadOnlyDictionary<string, string> columnNames)
    {
        var column = columnNames.GetValueOrDefault(problem.Column, problem.Column);
        var message = problem.Column is "header" or "row" ? Catalogue.Fill(Text.Import.ProblemOfLine, problem.Line, problem.Reason)
            : string.IsNullOrEmpty(problem.Value) ? Catalogue.Fill(Text.Import.ProblemOfCell, problem.Line, column, problem.Reason)
            : Catalogue.Fill(Text.Import.ProblemWithValue, problem.Line, column, problem.Value, problem.Reason);
        return new ReportedProblem(problem.Line, column, problem.Value, problem.Reason, message);
    }

    /// <summary>
    /// The empty template to fill in: the header row only, in Indonesian (<c>No Registrasi;Kode Program;Tanggal;Menit;Catatan</c>,
    /// dates dd/MM/yyyy or yyyy-MM-dd) or in English (<c>registrationNumber;programmeCode;date;minutes;note</c>,
    /// dates yyyy-MM-dd). The CSV is separated by semicolons, as spreadsheets with a decimal comma read and write
    /// them, with a byte order mark so they read it as UTF-8.
    /// </summary>
    public static byte[] Template(TemplateFormat format, bool indonesian)
    {
        var names = indonesian ? TrainingCsv.IndonesianColumns : TrainingCsv.Columns;
        if (format == TemplateFormat.Csv)
        {
            return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join(';', names) + "\r\n")];
        }
        using var xlsx = new MemoryStream();
        var header = new Dictionary<string, object?>();
        for (var i = 0; i < names.Count; i++)
        {
            header[((char)('A' + i)).ToString()] = names[i];
        }
        xlsx.SaveAs(new[] { header }, printHeader: false, sheetName: indonesian ? "Pelatihan" : "Training", excelType: ExcelType.XLSX);
        return xlsx.ToArray();
    }

    /// <summary>
    /// The template named by a request: <paramref name="format"/> <c>csv</c> (default) or <c>xlsx</c>,
    /// <paramref name="language"/> <c>id</c> (default) or <c>en</c>; anything else is refused naming the field.
    /// </summary>
    public static (byte[] Content, string FileName, string MediaType) Template(string? format, string? language)
    {
        var errors = new FieldErrors();
        var (chosen, indonesian) = TemplateChoice.Read(format, language, errors);
        errors.ThrowIfAny();
        return (Template(chosen!.Value, indonesian), TemplateFileName(chosen.Value, indonesian), TemplateMediaType(chosen.Value));
    }

    /// <summary>The template's file name: <c>impor-pelatihan.csv</c> or <c>training-import.xlsx</c>.</summary>
    public static string TemplateFileName(TemplateFormat format, bool indonesian) =>
        (indonesian ? "impor-pelatihan" : "training-import") + (format == TemplateFormat.Csv ? ".csv" : ".xlsx");

    /// <summary>The template's media type.</summary>
    public static string TemplateMediaType(TemplateFormat format) =>
        format == TemplateFormat.Csv ? TrainingUpload.CsvMediaType + "; charset=utf-8" : TrainingUpload.XlsxMediaType;
}
