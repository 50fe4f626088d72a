using System.Text;
using CsvHelper;
using Ledger.Core.Text;

namespace Ledger.Core.Skills;

/// <summary>
/// Reads a training CSV row by row and hands out its cells as they are written, checking nothing but the shape of
/// the file (the header, a row's number of fields, its quotes). What the cells mean is for
/// <see cref="TrainingImportRules.CheckRow"/>. Dates and minutes are handed out as UTF-8 bytes, so a million valid
/// rows are parsed without making a string of each.
/// </summary>
public sealed class TrainingCsvReader : ITrainingRows
{
    private readonly CsvReader _reader;
    private readonly List<CsvMalformedRecord> _malformed;
    private readonly int _fieldsNeeded;

    private TrainingCsvReader(CsvReader reader, List<CsvMalformedRecord> malformed, CsvLayout layout, IReadOnlyList<string> header)
    {
        _reader = reader;
        _malformed = malformed;
        Layout = layout;
        Header = header;
        _fieldsNeeded = new[] { layout.RegistrationNumber, layout.ProgrammeCode, layout.Date, layout.Minutes, layout.Note ?? 0 }.Max() + 1;
    }

    /// <summary>Where the columns are, read from the header.</summary>
    public CsvLayout Layout { get; }

    /// <summary>The header's names as written (trimmed).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>
    /// Opens the file and reads its header: the reader, or the header's problems (and nothing to dispose) when
    /// a column is missing or repeated.
    /// </summary>
    /// <param name="csv">The file, UTF-8 with or without a byte order mark (spreadsheets write one, editors often do not); left open.</param>
    /// <param name="ct">Cancels the reading.</param>
    public static async Task<(TrainingCsvReader? Reader, IReadOnlyList<ImportProblem> HeaderProblems)> OpenAsync(Stream csv, CancellationToken ct)
    {
        var malformed = new List<CsvMalformedRecord>();
        var options = new CsvReaderOptions
        {
            // The separator is detected from the first lines: comma, or semicolon from spreadsheets with a decimal comma.
            HasHeader = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            // One unbalanced quote must not swallow the rest of the file: such a row is reported on its own line.
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = malformed.Add,
        };
        var reader = CsvReader.Create(csv, options, leaveOpen: true);
        try
        {
            await reader.ReadHeaderAsync(ct);
            var header = reader.Headers.Select(name => name.Trim()).ToList();
            var (layout, problems) = TrainingCsv.ParseHeader(header, reader.Separator);
            if (layout is null)
            {
                await reader.DisposeAsync();
                return (null, problems);
            }
            return (new TrainingCsvReader(reader, malformed, layout, header), []);
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    /// <summary>Moves to the next row that is not blank; false at the end of the file.</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken ct)
    {
        while (await _reader.ReadAsync(ct))
        {
            if (!IsBlank())
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The row's line in the file (1 is the header).</summary>
    public int Line => checked((int)_reader.LineNumber);

    /// <summary>Why the row cannot be read as the header's columns (too few fields), or null.</summary>
    public ImportProblem? ShapeProblem() =>
        _reader.FieldCount < _fieldsNeeded
            ? new ImportProblem(Line, "row", Encoding.UTF8.GetString(_reader.RawRecord),
                Catalogue.Fill(Import.FieldCount, _reader.FieldCount, _fieldsNeeded, Layout.Separator))
            : null;

    public string RegistrationNumber => _reader.GetString(Layout.RegistrationNumber) ?? "";

    public string ProgrammeCode => _reader.GetString(Layout.ProgrammeCode) ?? "";

    public ReadOnlySpan<byte> Date => _reader.GetSpan(Layout.Date);

    public ReadOnlySpan<byte> Minutes => _reader.GetSpan(Layout.Minutes);

    /// <summary>The note cell as written, or null when the file has no note column.</summary>
    public string? Note => Layout.Note is { } index ? _reader.GetString(index) : null;

    /// <summary>
    /// The rows skipped for their quotes, after the last row is read. Each is a row of the file, so it counts
    /// as one.
    /// </summary>
    public IEnumerable<ImportProblem> MalformedRows() =>
        _malformed.Select(record => new ImportProblem(checked((int)record.LineNumber), "row", record.RawRecord, record.Reason switch
        {
            CsvMalformedReason.LineBreakInQuotes or CsvMalformedReason.UnterminatedQuote => Import.QuoteNotClosed,
            _ => Import.StrayQuote,
        }));

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    /// <summary>Spreadsheets export empty rows as a line of separators (;;;): they are not rows.</summary>
    private bool IsBlank()
    {
        for (var i = 0; i < _reader.FieldCount; i++)
        {
            if (!_reader.IsEmpty(i))
            {
                return false;
            }
        }
        return true;
    }
}
