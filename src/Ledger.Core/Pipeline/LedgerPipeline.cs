using Ledger.Core.Authorization;
using Ledger.Core.Facilities;
using Ledger.Core.Storage;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Pipeline;

/// <summary>
/// The one way into Ledger's operations, for every adapter (the API, the staff web pages): the access check in the
/// order of api.md's security rules (a subject outside the caller's reach is not found, exactly as if it did not
/// exist; inside it, an action no reaching role may take is forbidden), then for a write one transaction holding the
/// work, its audit rows and its idempotency key, and for a read of people its audit row. The adapter gathers the
/// caller and the input, calls <c>ReadAsync</c> or <see cref="WriteAsync{T}"/>, and maps the outcome.
/// </summary>
public sealed class LedgerPipeline(NpgsqlDataSource dataSource, StandbyReads standby, FacilityStore facilities, AuditStore audit, IClock clock)
{
    public const int MaxKeyLength = 200;

    /// <summary>
    /// A read in the facility <paramref name="find"/> locates, or across the caller's scope when it is null (then
    /// only the role is checked). A successful read named by <paramref name="readAudit"/> writes its audit row.
    /// </summary>
    public Task<Outcome<T>> ReadAsync<T>(Caller caller, FindFacility? find, Area area, ReadAudit? readAudit,
        Func<OperationContext, Task<Done<T>>> work, CancellationToken ct) =>
        ReadAsync(caller, find, area, Access.Read, readAudit, work, ct);

    /// <summary>
    /// The same read, allowed only to the roles with <paramref name="access"/>: a page that shows a write form
    /// (the attendance register) reads with <see cref="Access.Write"/>, so a role that could not save it is refused at once.
    /// </summary>
    public async Task<Outcome<T>> ReadAsync<T>(Caller caller, FindFacility? find, Area area, Access access, ReadAudit? readAudit,
        Func<OperationContext, Task<Done<T>>> work, CancellationToken ct)
    {
        var (refusal, facility) = await DecideAsync<T>(caller, find, area, access, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var context = new OperationContext(caller, facility, session: null, standby.For(caller.UserSub), clock, facilities);
        Done<T>? done;
        Outcome<T>? refused;
        try
        {
            (done, refused) = await RunAsync(work, context);
        }
        catch (Exception e) when (context.Reads != dataSource && !ct.IsCancellationRequested && DatabaseFaults.IsStandbyFault(e))
        {
            // The standby broke under the read, or cancelled it to go on replaying: a read changes nothing, so it is
            // done again on the primary, and the standby waits for its next check.
            standby.SetAside();
            context = new OperationContext(caller, facility, session: null, dataSource, clock, facilities);
            (done, refused) = await RunAsync(work, context);
        }
        if (refused is not null)
        {
            return refused;
        }
        if (!done!.Succeeded)
        {
            return new Outcome<T>.Refused(done.Value);
        }
        if (readAudit is not null)
        {
            // A work that forgets to say whom it returned would leave an audit row naming no one: a bug, so it fails loudly.
            if (readAudit.ListsPeople && context.Read is null)
            {
                throw new InvalidOperationException($"The read.{readAudit.What} did not say which people it returned (OperationContext.Returns).");
            }
            await audit.RecordReadAsync(caller.Actor, context.Facility.Code, "read." + readAudit.What, readAudit.SubjectId, context.Read, context.Now, ct);
        }
        return new Outcome<T>.Ok(done.Value);
    }

    /// <summary>
    /// A write in the facility <paramref name="find"/> locates (or across the caller's scope when null), in one
    /// transaction with its audit rows and its idempotency key: a success commits, a refusal or an exception rolls
    /// back, so a refused request leaves the database untouched. The same key for the same request replays the
    /// stored response; for a different request it is refused.
    /// </summary>
    public async Task<Outcome<T>> WriteAsync<T>(Caller caller, FindFacility? find, Area area, Idempotency? idempotency,
        Func<OperationContext, Task<Done<T>>> work, CancellationToken ct)
    {
        var (refusal, facility) = await DecideAsync<T>(caller, find, area, Access.Write, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (idempotency is { Key.Length: 0 or > MaxKeyLength })
        {
            return new Outcome<T>.InvalidKey(idempotency.Key);
        }
        await using var session = await WriteSession.BeginAsync(dataSource, caller.Actor, clock, ct);
        if (idempotency is not null)
        {
            // Claiming inserts the key first: a concurrent request with the same key waits here for this one.
            var stored = await IdempotencyStore.ClaimAsync(session, idempotency.Key, idempotency.RequestHash, ct);
            if (stored is not null)
            {
                if (stored.RequestHash != idempotency.RequestHash)
                {
                    return new Outcome<T>.KeyReused(idempotency.Key);
                }
                // The write committed earlier, perhaps with its answer lost: the caller's reads stay on the primary as after the write.
                standby.Wrote(caller.UserSub);
                return new Outcome<T>.Replay(stored);
            }
        }
        var (done, refused) = await RunAsync(work, new OperationContext(caller, facility, session, dataSource, clock, facilities));
        if (refused is not null)
        {
            return refused;
        }
        if (!done!.Succeeded)
        {
            return new Outcome<T>.Refused(done.Value);
        }
        if (idempotency is not null)
        {
            await IdempotencyStore.CompleteAsync(session, idempotency.Key, done.StatusCode, done.Body?.Invoke() ?? "null", ct);
        }
        await session.CommitAsync(ct);
        standby.Wrote(caller.UserSub);
        return new Outcome<T>.Ok(done.Value);
    }

    /// <summary>
    /// Runs the work. A rule deep in a store refuses by throwing one of Core's three expected exceptions (so a
    /// half-done write cannot go on); here, at the edge of the operation, each becomes an outcome value and the
    /// adapter never sees an exception for an expected result. Anything else is a bug or the infrastructure and flies.
    /// </summary>
    private static async Task<(Done<T>? Done, Outcome<T>? Refused)> RunAsync<T>(Func<OperationContext, Task<Done<T>>> work, OperationContext context)
    {
        try
        {
            return (await work(context), null);
        }
        catch (ValidationFailedException invalid)
        {
            return (null, new Outcome<T>.Invalid(invalid.Errors));
        }
        catch (NotFoundException notFound)
        {
            return (null, new Outcome<T>.NotFound(notFound.Message));
        }
        catch (RuleViolationException conflict)
        {
            return (null, new Outcome<T>.Conflict(conflict.Message));
        }
    }

    /// <summary>The access check: null refusal when allowed, with the facility found (none across the caller's scope).</summary>
    private async Task<(Outcome<T>? Refusal, Facility? Facility)> DecideAsync<T>(Caller caller, FindFacility? find, Area area, Access access, CancellationToken ct)
    {
        if (find is null)
        {
            return Permissions.Allows(caller.Roles, area, access) ? (null, null) : (new Outcome<T>.Forbidden(area, access), null);
        }
        var code = await find(ct);
        var facility = code is null ? null : await facilities.GetAsync(code, ct);
        return (facility is null ? Decision.NotReached : Permissions.Decide(caller, facility, area, access)) switch
        {
            Decision.NotReached => (new Outcome<T>.NotFound(), null),
            Decision.Forbidden => (new Outcome<T>.Forbidden(area, access), null),
            _ => (null, facility),
        };
    }
}
