using System.Security.Claims;
using Ledger.Core.Authorization;
using Ledger.Core.Facilities;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using NodaTime;

namespace Ledger.Api.Web;

/// <summary>
/// What one request knows about itself: the caller, gathered from the token's claims, and the operation the Core
/// pipeline runs the handler in (its facility, write session and read audit), set by <see cref="PipelineFilter"/>.
/// </summary>
public sealed class RequestContext(IHttpContextAccessor accessor)
{
    private OperationContext? _operation;

    public ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public IReadOnlyList<string> Roles => User.FindAll("role").Select(c => c.Value).Distinct().ToList();

    /// <summary>The user the token names; authentication refuses a token without one (AuthSetup).</summary>
    public string UserSub => User.FindFirst("sub")?.Value is { Length: > 0 } sub ? sub : throw new InvalidOperationException("The request has no authenticated user.");

    public Actor Actor => Caller.Actor;

    /// <summary>The caller's roles and their facility and region claims; <see cref="Permissions"/> decides what they reach.</summary>
    public Caller Caller => new(UserSub, Roles,
        User.FindAll("facility").Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        User.FindAll("region").Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        accessor.HttpContext?.TraceIdentifier ?? "");

    /// <summary>The operation this request's handler runs in.</summary>
    public OperationContext Operation
    {
        get => _operation ?? throw new InvalidOperationException("The endpoint does not run through the pipeline: it has no RequireAccess or RequireRole.");
        set => _operation = value;
    }

    /// <summary>Every facility some role of the caller reaches (for lists across the caller's scope).</summary>
    public AccessScope Scope => Operation.Scope;

    public Facility Facility => Operation.Facility;

    /// <summary>Whether the caller needs to know <paramref name="detail"/> of the people in this request's facility.</summary>
    public bool MayKnow(Detail detail) => Operation.MayKnow(detail);

    /// <summary>Names the people this read returns, and the search it answered, for the read audit (AccessFilter.ReadsPeople).</summary>
    public void Returns(IEnumerable<Guid> people, string? search = null) => Operation.Returns(people, search);

    public WriteSession Session => Operation.Session;

    public Instant Now => Operation.Now;

    /// <summary>Today in the facility's time zone.</summary>
    public LocalDate Today => Operation.Today;
}
