using Ledger.Core.Authorization;
using Ledger.Core.Facilities;
using Ledger.Core.Storage;
using NodaTime;

namespace Ledger.Core.Pipeline;

/// <summary>
/// What the work of one operation is given by <see cref="LedgerPipeline"/>: the caller, the facility the access check
/// found (none for an operation across the caller's scope) and, for a write, the open write session.
/// </summary>
public sealed class OperationContext(Caller caller, Facility? facility, WriteSession? session, IClock clock)
{
    public Caller Caller { get; } = caller;

    public Facility Facility => facility ?? throw new InvalidOperationException("The operation acts across the caller's scope: it has no single facility.");

    public WriteSession Session => session ?? throw new InvalidOperationException("The operation is not a write: it has no write session.");

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
}
