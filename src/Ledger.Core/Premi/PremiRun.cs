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

/// <summary>Pure checks of a run: the request for a draft (which days, which terms, which profit), its approval and its cancellation.</summary>
public static class PremiRunRules
{
    public static void ValidateDraft(NewPremiRun input)
    {
        var errors = new FieldErrors();
        errors.Required(input.SchemeId, "schemeId");
        errors.ThrowIfAny();
    }

    /// <summary>The days a run covers: the period given, or the order's days up to today.</summary>
    public static (LocalDate From, LocalDate To) Period(NewPremiRun input, PremiSchemeKind kind, WorkOrder? order, LocalDate today)
    {
        var errors = new FieldErrors();
        if (order is null)
        {
            errors.Required(input.From, "from");
            errors.Required(input.To, "to");
        }
        if (kind == PremiSchemeKind.ProfitShare && order is null)
        {
            errors.Add("workOrderId", "a profit-share run shares one closed order's profit: give its workOrderId");
        }
        if (kind == PremiSchemeKind.Monthly)
        {
            if (input.From is { } f && f.Day != 1)
            {
                errors.Add("from", "a monthly run covers whole calendar months: start on the 1st");
            }
            if (input.To is { } t && t != t.With(DateAdjusters.EndOfMonth))
            {
                errors.Add("to", "a monthly run covers whole calendar months: end on the month's last day");
            }
            if (input.From is null || input.To is null)
            {
                errors.Add("from", "a monthly run needs from and to (whole calendar months)");
            }
        }
        errors.ThrowIfAny();
        var from = input.From ?? order!.StartsOn;
        var to = input.To ?? LocalDate.Min(order!.EndsOn, today);
        if (to > today)
        {
            errors.Add("to", $"must not be after today ({today:yyyy-MM-dd}): premi is paid for work done");
        }
        if (from > to)
        {
            errors.Add("from", $"must not be after to ({to:yyyy-MM-dd})");
        }
        else if (NodaTime.Period.DaysBetween(from, to) > 400)
        {
            errors.Add("to", "a run covers at most 400 days");
        }
        errors.ThrowIfAny();
        return (from, to);
    }

    /// <summary>The latest version whose validity covers every day of the run; a run never mixes two versions' terms.</summary>
    public static PremiSchemeVersion VersionFor(PremiScheme scheme, LocalDate from, LocalDate to) =>
        scheme.Versions.LastOrDefault(v => v.Covers(from, to))
            ?? throw new RuleViolationException($"No version of the scheme '{scheme.Name}' is valid for the whole of {from:yyyy-MM-dd} to {to:yyyy-MM-dd}; run each validity period separately.");

    /// <summary>The profit a profit-share run shares (null for other kinds); <see cref="Period"/> made sure such a run names its order.</summary>
    public static ProfitPool? ProfitPoolOf(PremiSchemeKind kind, WorkOrder? order)
    {
        if (kind != PremiSchemeKind.ProfitShare)
        {
            return null;
        }
        if (order!.Status != WorkOrderStatus.Closed || order.Revenue is null || order.Costs is null)
        {
            throw new RuleViolationException("A profit share is computed from a closed order's revenue and costs: close the work order with both first.");
        }
        return new ProfitPool(order.Revenue.Value, order.Costs.Value);
    }

    /// <summary>The approver's total, when given, is checked before anything is read.</summary>
    public static void ValidateApproval(ApprovePremiRun? input)
    {
        if (input?.ExpectedTotal is < 0)
        {
            throw ValidationFailedException.For("expectedTotal", "must be the run's total in whole rupiah, 0 or more");
        }
    }

    /// <summary>
    /// Only a draft is approved, never by the user who computed it (four eyes), only at the total the approver
    /// checked, and only when it pays someone.
    /// </summary>
    public static void CheckApproval(PremiRun run, string approver, ApprovePremiRun? input)
    {
        if (run.Status == PremiRunStatus.Approved)
        {
            throw new RuleViolationException($"The run was already approved by {run.ApprovedBy} at {run.ApprovedAt}; it has been posted once and is not posted again.");
        }
        if (run.Status == PremiRunStatus.Cancelled)
        {
            throw new RuleViolationException($"The run was cancelled by {run.CancelledBy}; compute a new draft.");
        }
        if (run.CreatedBy == approver)
        {
            throw new RuleViolationException($"Four-eyes rule: you ({run.CreatedBy}) computed this draft, so another finance user must approve it.");
        }
        if (input?.ExpectedTotal is { } expected && expected != run.Total.Value)
        {
            throw new RuleViolationException($"The run's total is {run.Total}, not {new Rupiah(expected)}: check the draft again before approving.");
        }
        if (run.Lines.Count == 0)
        {
            throw new RuleViolationException("The draft has no lines: there is nothing to pay. Cancel it.");
        }
    }

    /// <summary>Only a draft is cancelled; an approved run is corrected by reversing its entries.</summary>
    public static void CheckCancellable(PremiRun run)
    {
        if (run.Status != PremiRunStatus.Draft)
        {
            throw new RuleViolationException(run.Status == PremiRunStatus.Approved
                ? "The run is approved and posted; it cannot be cancelled. Correct a line by reversing its premi entry."
                : "The run was already cancelled.");
        }
    }
}
