using System.Security.Claims;
using Ledger.Api.Auth;
using Ledger.Core.Facilities;
using Ledger.Core.Storage;
using NodaTime;

namespace Ledger.Api.Web;

/// <summary>
/// What one request knows about itself: the caller, the facility its subject lives in (set by the access
/// filter after the scope check) and, for writes, the open write session (set by the write filter).
/// </summary>
public sealed class RequestContext(IHttpContextAccessor accessor, IClock clock)
{
    private Facility? _facility;
    private WriteSession? _session;

    public ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public IReadOnlyList<string> Roles => User.FindAll("role").Select(c => c.Value).Distinct().ToList();

    /// <summary>The user the token names; authentication refuses a token without one (AuthSetup).</summary>
    public string UserSub => User.FindFirst("sub")?.Value is { Length: > 0 } sub ? sub : throw new InvalidOperationException("The request has no authenticated user.");

    public Actor Actor => new(UserSub, Roles, accessor.HttpContext?.TraceIdentifier ?? "");

    /// <summary>The caller's roles and their facility and region claims; <see cref="Permissions"/> decides what they reach.</summary>
    public Caller Caller => new(Roles,
        User.FindAll("facility").Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        User.FindAll("region").Select(c => c.Value).ToHashSet(StringComparer.Ordinal));

    /// <summary>Every facility some role of the caller reaches (for lists across the caller's scope).</summary>
    public AccessScope Scope => Permissions.Reach(Caller);

    public Facility Facility
    {
        get => _facility ?? throw new InvalidOperationException("The endpoint has no access filter that resolves its facility.");
        set => _facility = value;
    }

    /// <summary>Whether the caller needs to know <paramref name="detail"/> of the people in this request's facility.</summary>
    public bool MayKnow(Detail detail) => Permissions.MayKnow(Caller, Facility, detail);

    /// <summary>The people a read returned (and its search text), for its audit row; set by handlers of reads that return people.</summary>
    public ReadSubjects? Read { get; private set; }

    /// <summary>Names the people this read returns, and the search it answered, for the read audit (AccessFilter.ReadsPeople).</summary>
    public void Returns(IEnumerable<Guid> people, string? search = null) => Read = new ReadSubjects([.. people], string.IsNullOrWhiteSpace(search) ? null : search.Trim());

    public WriteSession Session
    {
        get => _session ?? throw new InvalidOperationException("The endpoint is not a write: it has no write filter.");
        set => _session = value;
    }

    public Instant Now => clock.GetCurrentInstant();

    /// <summary>Today in the facility's time zone.</summary>
    public LocalDate Today => Facility.DateAt(Now);
}
