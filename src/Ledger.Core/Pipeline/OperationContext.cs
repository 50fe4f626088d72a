using Ledger.Core.Authorization;
using Ledger.Core.Facilities;
using Ledger.Core.Storage;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Pipeline;

/// <summary>
/// What the work of one operation is given by <see cref="LedgerPipeline"/>: the caller, the facility the access check
/// found (none for an operation across the caller's scope) and, for a write, the open write session. A second
/// facility of the operation (the receiving one of a transfer, the facilities of a region, the region of a new
/// facility) is checked here too, so that the role rules are asked only by the pipeline.
/// </summary>
public sealed class OperationContext(Caller caller, Facility? facility, WriteSession? session, NpgsqlDataSource reads, IClock clock, FacilityStore facilities)
{
    public Caller Caller { get; } = caller;

    public Facility Facility => facility ?? throw new InvalidOperationException("The operation acts across the caller's scope: it has no single facility.");

    public WriteSession Session => session ?? throw new InvalidOperationException("The operation is not a write: it has no write session.");

    /// <summary>
    /// Where this operation's reads that may be a moment old go (reports, dashboards, worklists, readiness): a fresh
    /// standby, or the primary (<see cref="StandbyReads"/>). A read that must see the latest state uses its store's own
    /// data source, the primary.
    /// </summary>
    public NpgsqlDataSource Reads { get; } = reads;

    /// <summary>Every facility some role of the caller reaches (for lists across the caller's scope).</summary>
    public AccessScope Scope => Permissions.Reach(Caller);

    public Instant Now => clock.GetCurrentInstant();

    /// <summary>Today in the facility's time zone.</summary>
    public LocalDate Today => Facility.DateAt(Now);

    /// <summary>Whether the caller needs to know <paramref name="detail"/> of the people in this operation's facility.</summary>
    public bool MayKnow(Detail detail) => Permissions.MayKnow(Caller, Facility, detail);

    /// <summary>The people a read returned (and its search text), for its audit row.</summary>
    public ReadSubjects? Read { get; private set; }

    /// <summary>Names the people this read returns, and the search it answered, for the read audit.</summary>
    public void Returns(IEnumerable<Guid> people, string? search = null) =>
        Read = new ReadSubjects([.. people], string.IsNullOrWhiteSpace(search) ? null : search.Trim());

    /// <summary>
    /// A second facility of the operation, such as the one a transfer sends a person to: the facility when a role of
    /// the caller may take <paramref name="access"/> on <paramref name="area"/> there, else null, so an unknown code
    /// and one out of reach look the same, as for the operation's own facility.
    /// </summary>
    public async Task<Facility?> ReachAsync(string code, Area area, Access access, CancellationToken ct) =>
        await facilities.GetAsync(code, ct) is { } found && Allows(found, area, access) ? found : null;

    /// <summary>Whether a role of the caller that reaches <paramref name="other"/> may take the action there (per facility of a region report).</summary>
    public bool Allows(Facility other, Area area, Access access) => Permissions.Decide(Caller, other, area, access) == Decision.Allowed;

    /// <summary>Whether the caller may register a new facility in <paramref name="region"/> (an admin whose region claim names it).</summary>
    public bool MayRegisterFacilityIn(string region) => Permissions.MayRegisterFacilityIn(Caller, region);
}
