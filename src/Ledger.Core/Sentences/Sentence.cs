using NodaTime;

namespace Ledger.Core.Sentences;

/// <summary>Fixed sentences end; life and death sentences have no expiry and no release rights.</summary>
public enum SentenceKind
{
    Fixed,
    Life,
    Death,
}

/// <summary>A sentence as the court gave it: a period of years, months and days, and its kind.</summary>
public sealed record Sentence(int Years, int Months, int Days, SentenceKind Kind)
{
    public Period Length => new PeriodBuilder { Years = Years, Months = Months, Days = Days }.Build();
}

/// <summary>The kinds of remisi a decree can grant.</summary>
public enum RemissionKind
{
    Umum,
    Khusus,
    Dasawarsa,
    Tambahan,
    Lainnya,
}

/// <summary>A remisi granted by decree: months and days off the sentence, known from the grant day.</summary>
public sealed record Remission(Guid Id, RemissionKind Kind, LocalDate GrantedOn, int Months, int Days, string DecreeNumber, string RecordedBy, Instant RecordedAt);

/// <summary>
/// A register-F (discipline) entry. The description is criminal-record detail: only reintegration and admin see it;
/// for other readers it is null and the entry tells the date alone.
/// </summary>
public sealed record DisciplineEntry(Guid Id, LocalDate OccurredOn, string? Description, string RecordedBy, Instant RecordedAt)
{
    /// <summary>The entries without their descriptions.</summary>
    public static IReadOnlyList<DisciplineEntry> DatesOnly(IReadOnlyList<DisciplineEntry> entries) => [.. entries.Select(e => e with { Description = null })];
}
