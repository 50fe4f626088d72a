using System.Text;
using CsvHelper;

namespace Ledger.Core.Import;

/// <summary>
/// The rows of a CSV file: separator detected from the first lines (comma, or semicolon as spreadsheets with a decimal
/// comma write it), UTF-8 with or without a byte order mark, cells trimmed, blank rows (;;;) skipped, and a row with an
/// unbalanced quote reported on its own line rather than swallowing the rest of the file.
/// </summary>
internal sealed class CsvRows : ISheetRows
{
    private readonly CsvReader _reader;
    private readonly List<CsvMalformedRecord> _malformed;

    private CsvRows(CsvReader reader, List<CsvMalformedRecord> malformed, IReadOnlyList<string> header)
    {
        _reader = reader;
        _malformed = malformed;
        Header = header;
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>The reader underneath, for a caller that reads cells as UTF-8 bytes (the training import's million rows).</summary>
    public CsvReader Reader => _reader;

    public char Separator => _reader.Separator;

    public int Line => checked((int)_reader.LineNumber);

    public int FieldCount => _reader.FieldCount;

    public string? Raw => Encoding.UTF8.GetString(_reader.RawRecord);

    /// <summary>Opens the file (left open) and reads its header row.</summary>
    public static async Task<CsvRows> OpenAsync(Stream csv, CancellationToken ct)
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
            return new CsvRows(reader, malformed, [.. reader.Headers.Select(name => name.Trim())]);
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

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

    public string Cell(int index) => _reader.GetString(index)?.Trim() ?? "";

    public IEnumerable<ImportProblem> MalformedRows() =>
        _malformed.Select(record => new ImportProblem(checked((int)record.LineNumber), "row", record.RawRecord, record.Reason switch
        {
            CsvMalformedReason.LineBreakInQuotes or CsvMalformedReason.UnterminatedQuote => Text.Import.QuoteNotClosed,
            _ => Text.Import.StrayQuote,
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
