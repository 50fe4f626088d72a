namespace Ledger.Core.Registry;

/// <summary>Opens an uploaded registry (xlsx workbook or CSV files) as an <see cref="IRegistryFile"/>.</summary>
public static class RegistryFile
{
    /// <summary>The file, or the problems of its headers (or of a workbook that cannot be read) and nothing to dispose.</summary>
    public static Task<(IRegistryFile? File, IReadOnlyList<RegistryProblem> Problems)> OpenAsync(RegistryUpload upload, CancellationToken ct) =>
        RegistryFileReader.OpenAsync(upload, ct);
}
