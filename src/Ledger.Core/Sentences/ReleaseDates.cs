using NodaTime;

namespace Ledger.Core.Sentences;

/// <summary>Where a person stands with one release right on the asOf day.</summary>
public enum RightStatus
{
    /// <summary>Every condition passes on the asOf day.</summary>
    Eligible,

    /// <summary>Not yet, but every condition will pass within the facility's "almost" window if nothing changes.</summary>
    Almost,

    /// <summary>Every condition will pass on a known later day if nothing changes.</summary>
    NotYet,

    /// <summary>The right does not apply or cannot be reached before release if nothing changes.</summary>
    None,
}

/// <summary>
/// One condition of a right. <c>passesOn</c> is set only when the condition fails and will pass on that
/// day if nothing changes; a failing condition without it never passes, which makes the right's status
/// <c>none</c>. <c>name</c> is a stable machine name, <c>detail</c> English text.
/// </summary>
public sealed record Condition(ConditionName Name, bool Passed, LocalDate? PassesOn, string Detail);

/// <summary>
/// A right's status with every condition. <c>date</c> is the day the right starts (or started, for an
/// eligible right); it is null when the status is <c>none</c>.
/// </summary>
public sealed record RightAssessment(RightStatus Status, LocalDate? Date, IReadOnlyList<Condition> Conditions);

/// <summary>The four release rights of a warga binaan.</summary>
public sealed record ReleaseRights(
    RightAssessment Asimilasi,
    RightAssessment PembebasanBersyarat,
    RightAssessment CutiBersyarat,
    RightAssessment CutiMenjelangBebas);

/// <summary>
/// The release dates of a sentence and the rights as of <see cref="AsOf"/>. Dates are null for life and death
/// sentences, which have no expiry. <see cref="SentenceSpanDays"/> is S with every remisi on file; a fraction
/// date counts only the remisi granted by that date, so its condition's detail names the span it used.
/// </summary>
public sealed record ReleaseDates(
    LocalDate AsOf,
    SentenceKind Kind,
    LocalDate? Expiry,
    int RemissionMonths,
    int RemissionDays,
    LocalDate? AdjustedExpiry,
    int? SentenceSpanDays,
    LocalDate? HalfDate,
    LocalDate? TwoThirdsDate,
    LocalDate? ProbationEndsOn,
    ReleaseRights Rights);
