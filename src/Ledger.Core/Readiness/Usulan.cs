using Ledger.Core.Inmates;
using NodaTime;

namespace Ledger.Core.Readiness;

/// <summary>The release right an usulan asks for: the four rights <see cref="Sentences.ReleaseCalculator"/> knows.</summary>
public enum UsulanRight
{
    Asimilasi,
    PembebasanBersyarat,
    CutiBersyarat,
    CutiMenjelangBebas,
}

/// <summary>A step of an usulan: drafted (diusulkan), sent to the TPP, decree received (SK terbit), refused (ditolak).</summary>
public enum UsulanState
{
    Drafted,
    Sent,
    Decreed,
    Refused,
}

/// <summary>
/// The request to record the next step of a person's usulan for one right, on a day (default today): a decree
/// carries its SK number, a refusal its reason.
/// </summary>
public sealed record RecordUsulan(UsulanRight? Right, UsulanState? State, LocalDate? On, string? DecreeNumber, string? Reason);

/// <summary>
/// One step of an usulan as recorded, never changed. The application number counts the person's applications for
/// the right (a new one starts after a decree or a refusal); the application's state is its latest step.
/// </summary>
public sealed record UsulanEvent(
    Guid Id,
    InmateId InmateId,
    UsulanRight Right,
    int Application,
    int Seq,
    UsulanState State,
    LocalDate On,
    string? DecreeNumber,
    string? Reason,
    string RecordedBy,
    Instant RecordedAt)
{
    /// <summary>Whether the application is over: a decree or a refusal; only a new application may follow.</summary>
    public bool Closed => State is UsulanState.Decreed or UsulanState.Refused;
}

/// <summary>A person's usulan: every step, oldest first, and the current step of each right that has one.</summary>
public sealed record UsulanHistory(InmateId InmateId, IReadOnlyList<UsulanEvent> Events)
{
    public IReadOnlyList<UsulanEvent> Current => UsulanRules.Current(Events);
}
