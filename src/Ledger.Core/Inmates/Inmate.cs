using Ledger.Core.Sentences;
using NodaTime;

namespace Ledger.Core.Inmates;

/// <summary>Typed id of a warga binaan.</summary>
/// <remarks>Binds from the route through <see cref="TryParse"/>.</remarks>
public readonly record struct InmateId(Guid Value) : ITypedId<InmateId>
{
    public static InmateId From(Guid value) => new(value);

    public static InmateId New() => new(Guid.CreateVersion7());

    public static bool TryParse(string? text, IFormatProvider? provider, out InmateId id) => TypedIds.TryParse(text, provider, out id);

    public override string ToString() => Value.ToString();
}

/// <summary>A warga binaan as registered in their current facility.</summary>
public sealed record Inmate(
    InmateId Id,
    string FacilityCode,
    string RegistrationNumber,
    string FullName,
    LocalDate? BirthDate,
    LocalDate DetentionDate,
    Sentence Sentence,
    LocalDate? ReleasedOn,
    Instant CreatedAt);

/// <summary>A stay in one facility; the current one has no end.</summary>
public sealed record Placement(string FacilityCode, LocalDate StartedOn, LocalDate? EndedOn);

/// <summary>A person's file: who they are, where they have been, their remisi and discipline register.</summary>
public sealed record InmateFile(Inmate Inmate, IReadOnlyList<Placement> Placements, IReadOnlyList<Remission> Remissions, IReadOnlyList<DisciplineEntry> Discipline)
{
    /// <summary>Whether the person was held in <paramref name="facilityCode"/> on <paramref name="day"/> and not yet released.</summary>
    public bool HeldIn(string facilityCode, LocalDate day) =>
        (Inmate.ReleasedOn is null || day <= Inmate.ReleasedOn) &&
        Placements.Any(p => p.FacilityCode == facilityCode && p.StartedOn <= day && (p.EndedOn is null || day < p.EndedOn));

    /// <summary>The file with register-F dates but not what happened, for readers who do not need to know it.</summary>
    public InmateFile WithoutDisciplineDescriptions() => this with { Discipline = DisciplineEntry.DatesOnly(Discipline) };
}

/// <summary>One page of a list, 1-based.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
