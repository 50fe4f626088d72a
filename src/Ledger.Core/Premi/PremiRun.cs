using Ledger.Core.Inmates;
using Ledger.Core.Work;
using NodaTime;

namespace Ledger.Core.Premi;

/// <summary>A run is computed as a draft; only approval (by another finance user) posts it to the ledger.</summary>
public enum PremiRunStatus
{
    Draft,
    Approved,
    Cancelled,
}

/// <summary>What a line's basis counts.</summary>
public enum PremiBasisUnit
{
    UnitsPassed,
    Days,
    Months,
}

/// <summary>One person's line of a run: the basis, the gross, its two parts and why, in Bahasa Indonesia.</summary>
public sealed record PremiRunLine(
    int LineNo,
    InmateId InmateId,
    string RegistrationNumber,
    string FullName,
    long BasisQuantity,
    PremiBasisUnit BasisUnit,
    string Basis,
    Rupiah Gross,
    Rupiah Spendable,
    Rupiah Savings,
    string Explanation);

/// <summary>A work record a run left out, and why.</summary>
public sealed record PremiExclusion(WorkRecordId WorkRecordId, InmateId InmateId, string RegistrationNumber, LocalDate Date, string Reason);

/// <summary>A premi run: the scheme version it used, its scope, its lines and totals, what it left out, and its decision.</summary>
public sealed record PremiRun(
    PremiRunId Id,
    string FacilityCode,
    PremiSchemeId SchemeId,
    Guid SchemeVersionId,
    int SchemeVersion,
    string SchemeName,
    PremiSchemeKind Kind,
    WorkOrderId? WorkOrderId,
    LocalDate From,
    LocalDate To,
    PremiRunStatus Status,
    Rupiah Total,
    Rupiah TotalSpendable,
    Rupiah TotalSavings,
    int WorkRecordCount,
    IReadOnlyList<PremiRunLine> Lines,
    IReadOnlyList<PremiExclusion> Excluded,
    string CreatedBy,
    Instant CreatedAt,
    string? ApprovedBy,
    Instant? ApprovedAt,
    string? CancelledBy,
    Instant? CancelledAt,
    string? CancelReason);

/// <summary>The request for a draft: a scheme and either a work order, a period, or both.</summary>
public sealed record NewPremiRun(PremiSchemeId? SchemeId, WorkOrderId? WorkOrderId, LocalDate? From, LocalDate? To);

/// <summary>Approval; when the approver gives the total they checked, it must be the run's total.</summary>
public sealed record ApprovePremiRun(long? ExpectedTotal);

/// <summary>Cancelling a draft, with the reason.</summary>
public sealed record CancelPremiRun(string? Reason);
