namespace Ledger.Core.Premi;

/// <summary>Typed id of a premi scheme: the id of its first version, shared by all its versions.</summary>
public readonly record struct PremiSchemeId(Guid Value) : ITypedId<PremiSchemeId>
{
    public static PremiSchemeId From(Guid value) => new(value);

    public static PremiSchemeId New() => new(Guid.CreateVersion7());

    public static bool TryParse(string? text, IFormatProvider? provider, out PremiSchemeId id) => TypedIds.TryParse(text, provider, out id);

    public override string ToString() => Value.ToString();
}

/// <summary>Typed id of a premi run (a draft, then approved or cancelled).</summary>
public readonly record struct PremiRunId(Guid Value) : ITypedId<PremiRunId>
{
    public static PremiRunId From(Guid value) => new(value);

    public static PremiRunId New() => new(Guid.CreateVersion7());

    public static bool TryParse(string? text, IFormatProvider? provider, out PremiRunId id) => TypedIds.TryParse(text, provider, out id);

    public override string ToString() => Value.ToString();
}

/// <summary>Typed id of one entry of a premi account.</summary>
public readonly record struct PremiEntryId(Guid Value) : ITypedId<PremiEntryId>
{
    public static PremiEntryId From(Guid value) => new(value);

    public static PremiEntryId New() => new(Guid.CreateVersion7());

    public static bool TryParse(string? text, IFormatProvider? provider, out PremiEntryId id) => TypedIds.TryParse(text, provider, out id);

    public override string ToString() => Value.ToString();
}
