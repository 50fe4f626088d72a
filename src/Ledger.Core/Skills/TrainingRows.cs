using Ledger.Core.Import;

namespace Ledger.Core.Skills;

/// <summary>
/// The rows of an uploaded training file, CSV (<see cref="TrainingCsvReader"/>) or xlsx
/// (<see cref="TrainingXlsxReader"/>), handed out one at a time as the file streams, with the cells as written: what
/// they mean is for <see cref="TrainingImportRules.CheckRow"/>. Dates and minutes come as UTF-8 bytes, so a million
/// CSV rows are parsed without making a string of each.
/// </summary>
public interface ITrainingRows : IAsyncDisposable
{
    /// <summary>Where the columns are, read from the header.</summary>
    CsvLayout Layout { get; }

    /// <summary>The header's names as written in the file (trimmed): a problem names its column so.</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>Moves to the next row that is not blank; false at the end of the file.</summary>
    ValueTask<bool> ReadAsync(CancellationToken ct);

    /// <summary>The row's line in the file, or its row number in the sheet (1 is the header).</summary>
    int Line { get; }

    /// <summary>Why the row cannot be read as the header's columns, or null.</summary>
    ImportProblem? ShapeProblem();

    string RegistrationNumber { get; }

    string ProgrammeCode { get; }

    ReadOnlySpan<byte> Date { get; }

    ReadOnlySpan<byte> Minutes { get; }

    /// <summary>The note cell as written, or null when the file has no note column.</summary>
    string? Note { get; }

    /// <summary>The rows that could not be read at all, after the last row is read; each counts as a row.</summary>
    IEnumerable<ImportProblem> MalformedRows();
}

/// <summary>Opens an uploaded training file as rows, telling an xlsx workbook from a CSV by its media type or its first bytes.</summary>
public static class TrainingUpload
{
    /// <summary>The media type of an .xlsx workbook.</summary>
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The media type of a CSV file.</summary>
    public const string CsvMediaType = "text/csv";

    /// <summary>
    /// The file's rows, or the problems of its header (or of a workbook that cannot be read) and nothing to dispose.
    /// </summary>
    /// <param name="file">The upload, left open. A seekable stream is sniffed for the zip signature of an xlsx (PK);
    /// an unseekable one is a CSV unless <paramref name="mediaType"/> says xlsx.</param>
    /// <param name="mediaType">The upload's content type without parameters, or null.</param>
    /// <param name="ct">Cancels the reading.</param>
    public static async Task<(ITrainingRows? Rows, IReadOnlyList<ImportProblem> Problems)> OpenAsync(Stream file, string? mediaType, CancellationToken ct) =>
        await IsXlsxAsync(file, mediaType, ct)
            ? await TrainingXlsxReader.OpenAsync(file, ct)
            : await TrainingCsvReader.OpenAsync(file, ct);

    private static async Task<bool> IsXlsxAsync(Stream file, string? mediaType, CancellationToken ct)
    {
        if (string.Equals(mediaType, XlsxMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (!file.CanSeek)
        {
            return false;
        }
        // A zip file (and so an xlsx) begins "PK\x03\x04"; no CSV of ours can, its first line being a header.
        var start = file.Position;
        var signature = new byte[4];
        var read = await file.ReadAtLeastAsync(signature, signature.Length, throwOnEndOfStream: false, ct);
        file.Position = start;
        return read == 4 && signature is [(byte)'P', (byte)'K', 3, 4];
    }
}
