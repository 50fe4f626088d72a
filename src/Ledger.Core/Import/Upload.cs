namespace Ledger.Core.Import;

/// <summary>What kind of file an upload is: an xlsx workbook or a CSV file, by its media type or its first bytes.</summary>
public static class Upload
{
    /// <summary>The media type of an .xlsx workbook.</summary>
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The media type of a CSV file.</summary>
    public const string CsvMediaType = "text/csv";

    /// <summary>
    /// Whether the upload is an xlsx workbook: its media type says so, or a seekable stream begins with the zip
    /// signature (PK); an unseekable one is a CSV unless the media type says xlsx. The stream's position is kept.
    /// </summary>
    /// <param name="file">The upload, left open.</param>
    /// <param name="mediaType">The upload's content type without parameters, or null.</param>
    /// <param name="ct">Cancels the reading.</param>
    public static async Task<bool> IsXlsxAsync(Stream file, string? mediaType, CancellationToken ct)
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
