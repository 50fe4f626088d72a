namespace Ledger.Core.Work;

/// <summary>Typed id of a work order.</summary>
/// <remarks>Binds from the route through <see cref="TryParse"/>.</remarks>
public readonly record struct WorkOrderId(Guid Value) : ITypedId<WorkOrderId>
{
    public static WorkOrderId From(Guid value) => new(value);

    public static WorkOrderId New() => new(Guid.CreateVersion7());

    public static bool TryParse(string? text, IFormatProvider? provider, out WorkOrderId id) => TypedIds.TryParse(text, provider, out id);

    public override string ToString() => Value.ToString();
}

/// <summary>Typed id of one work record (a person's work on an order on a day).</summary>
public readonly record struct WorkRecordId(Guid Value) : ITypedId<WorkRecordId>
{
    public static WorkRecordId From(Guid value) => new(value);

    public static WorkRecordId New() => new(Guid.CreateVersion7());

    public static bool TryParse(string? text, IFormatProvider? provider, out WorkRecordId id) => TypedIds.TryParse(text, provider, out id);

    public override string ToString() => Value.ToString();
}
