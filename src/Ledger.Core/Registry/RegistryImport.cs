using Ledger.Core.Facilities;
using Ledger.Core.Storage;

namespace Ledger.Core.Registry;

/// <summary>
/// The registry import as one operation for every adapter (the API's endpoint, the staff page, the demo seed): preview
/// or apply a registry file to a facility, and the report.
/// </summary>
public static class RegistryImport
{
    /// <summary>Each list of a report holds at most this many items.</summary>
    public const int MaxListed = 10_000;

    /// <summary>
    /// Reads and checks the file in the session's transaction and, unless <paramref name="dryRun"/>, applies it all or
    /// nothing. A refused file (any problem) writes nothing, whatever <paramref name="dryRun"/> says.
    /// </summary>
    public static Task<RegistryImportReport> PreviewOrApplyAsync(WriteSession session, Facility facility, RegistryUpload upload, bool dryRun,
        CancellationToken ct) => throw new NotImplementedException("helper A2 builds this");
}
