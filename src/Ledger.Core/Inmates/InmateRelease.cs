using Ledger.Core.Facilities;
using Ledger.Core.Premi;
using Ledger.Core.Storage;

namespace Ledger.Core.Inmates;

/// <summary>
/// Releasing a person is one operation: the release is recorded and both premi parts are paid out, closing the
/// account, in the same transaction, so neither happens without the other. It is the only way to release someone
/// (the two steps it composes are internal to Core).
/// </summary>
public static class InmateRelease
{
    public static async Task<InmateFile> ReleaseAsync(WriteSession session, Facility facility, InmateId id, ReleaseInmate input, CancellationToken ct)
    {
        var file = await InmateStore.ReleaseAsync(session, facility, id, input, ct);
        // The release's checks passed, so its date is there; the payout is dated by it.
        await PremiAccountStore.PayOutOnReleaseAsync(session, facility, id, input.ReleasedOn!.Value, ct);
        return file;
    }
}
