using Ledger.Core.Authorization;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// How an operation run through <see cref="LedgerPipeline"/> ended. The expected endings are values, so an adapter
/// maps each to its own answer (the API to a status code, a web page to a message); exceptions stay for bugs and
/// infrastructure.
/// </summary>
public abstract record Outcome<T>
{
    private Outcome()
    {
    }

    /// <summary>The work succeeded: a write committed, a read was audited.</summary>
    public sealed record Ok(T Value) : Outcome<T>;

    /// <summary>The work refused (invalid input, a rule, a conflict): a write rolled back, a read wrote no audit row.</summary>
    public sealed record Refused(T Value) : Outcome<T>;

    /// <summary>
    /// The subject does not exist, or no role of the caller reaches its facility (the same answer, on purpose).
    /// <paramref name="Detail"/> names what the work looked for (null: the access check found no facility).
    /// </summary>
    public sealed record NotFound(string? Detail = null) : Outcome<T>;

    /// <summary>The input is invalid: every field with its reasons, in the reader's language. Nothing was written.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : Outcome<T>;

    /// <summary>The input is well formed but a rule of the ledger refuses it (e.g. beyond the balance). Nothing was written.</summary>
    public sealed record Conflict(string Reason) : Outcome<T>;

    /// <summary>A role of the caller reaches the facility, but none of those may take this action there.</summary>
    public sealed record Forbidden(Area Area, Access Access) : Outcome<T>;

    /// <summary>The idempotency key is empty or longer than <see cref="LedgerPipeline.MaxKeyLength"/>.</summary>
    public sealed record InvalidKey(string Key) : Outcome<T>;

    /// <summary>The key was used before for the same request: its stored response, nothing written again.</summary>
    public sealed record Replay(StoredResponse Stored) : Outcome<T>;

    /// <summary>The key was used before for a different request.</summary>
    public sealed record KeyReused(string Key) : Outcome<T>;
}

/// <summary>
/// What the work of an operation ended with: its value, and whether it succeeded (a write commits, a read is audited)
/// or refused (a write rolls back). For an idempotent write, the status code and body that a replay answers with.
/// </summary>
public sealed record Done<T>(T Value, bool Succeeded, int StatusCode = 200, Func<string>? Body = null);

/// <summary>An idempotency key and the fingerprint of the request it came with (same key, same request: a replay).</summary>
public sealed record Idempotency(string Key, string RequestHash);

/// <summary>Finds the facility that the subject of an operation belongs to; null when the subject does not exist.</summary>
public delegate ValueTask<string?> FindFacility(CancellationToken ct);

/// <summary>
/// A read of people that the audit log must name (UU 27/2022: every read of personal data attributable): the action,
/// the subject in the request (if any) and whether the work must say which people it returned.
/// </summary>
public sealed record ReadAudit(string What, string? SubjectId, bool ListsPeople);
