namespace Ledger.Core.Skills;

/// <summary>Typed id of a programme.</summary>
public readonly record struct ProgrammeId(Guid Value) : ITypedId<ProgrammeId>
{
    public static ProgrammeId From(Guid value) => new(value);

    public static ProgrammeId New() => new(Guid.CreateVersion7());

    public static bool TryParse(string? text, IFormatProvider? provider, out ProgrammeId id) => TypedIds.TryParse(text, provider, out id);

    public override string ToString() => Value.ToString();
}

/// <summary>Typed id of one training entry.</summary>
/// <remarks>Binds from the route through <see cref="TryParse"/>.</remarks>
public readonly record struct TrainingEntryId(Guid Value) : ITypedId<TrainingEntryId>
{
    public static TrainingEntryId From(Guid value) => new(value);

    public static TrainingEntryId New() => new(Guid.CreateVersion7());

    public static bool TryParse(string? text, IFormatProvider? provider, out TrainingEntryId id) => TypedIds.TryParse(text, provider, out id);

    public override string ToString() => Value.ToString();
}

/// <summary>Typed id of a certificate.</summary>
/// <remarks>Binds from the route through <see cref="TryParse"/>.</remarks>
public readonly record struct CertificateId(Guid Value) : ITypedId<CertificateId>
{
    public static CertificateId From(Guid value) => new(value);

    public static CertificateId New() => new(Guid.CreateVersion7());

    public static bool TryParse(string? text, IFormatProvider? provider, out CertificateId id) => TypedIds.TryParse(text, provider, out id);

    public override string ToString() => Value.ToString();
}
