using Ledger.Core.Inmates;
using Ledger.Core.Text;
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
            errors.Add("workOrderId", Fields.ProfitShareNeedsOrder);
        }
        if (kind == PremiSchemeKind.Monthly)
        {
            if (input.From is { } f && f.Day != 1)
            {
                errors.Add("from", Fields.MonthlyStartsOnFirst);
            }
            if (input.To is { } t && t != t.With(DateAdjusters.EndOfMonth))
            {
                errors.Add("to", Fields.MonthlyEndsOnLastDay);
            }
            if (input.From is null || input.To is null)
            {
                errors.Add("from", Fields.MonthlyNeedsFromAndTo);
            }
        }
        errors.ThrowIfAny();
        var from = input.From ?? order!.StartsOn;
        var to = input.To ?? LocalDate.Min(order!.EndsOn, today);
        if (to > today)
        {
            errors.Add("to", Catalogue.Fill(Fields.PremiForWorkDone, Format.Date(today)));
        }
        if (from > to)
        {
            errors.Add("from", Catalogue.Fill(Fields.MustNotBeAfterTo, Format.Date(to)));
        }
        else if (NodaTime.Period.DaysBetween(from, to) > 400)
        {
            errors.Add("to", Catalogue.Fill(Fields.RunAtMostDays, 400));
        }
        errors.ThrowIfAny();
        return (from, to);
    }

    /// <summary>The latest version whose validity covers every day of the run; a run never mixes two versions' terms.</summary>
    public static PremiSchemeVersion VersionFor(PremiScheme scheme, LocalDate from, LocalDate to) =>
        scheme.Versions.LastOrDefault(v => v.Covers(from, to))
            ?? throw new RuleViolationException(Catalogue.Fill(Rules.NoVersionCovers, scheme.Name, Format.Date(from), Format.Date(to)));

    /// <summary>The profit a profit-share run shares (null for other kinds); <see cref="Period"/> made sure such a run names its order.</summary>
    public static ProfitPool? ProfitPoolOf(PremiSchemeKind kind, WorkOrder? order)
    {
        if (kind != PremiSchemeKind.ProfitShare)
        {
            return null;
        }
        if (order!.Status != WorkOrderStatus.Closed || order.Revenue is null || order.Costs is null)
        {
            throw new RuleViolationException(Rules.ProfitShareNeedsClosedOrder);
        }
        return new ProfitPool(order.Revenue.Value, order.Costs.Value);
    }

    /// <summary>The approver's total, when given, is checked before anything is read.</summary>
    public static void ValidateApproval(ApprovePremiRun? input)
    {
        if (input?.ExpectedTotal is < 0)
        {
            throw ValidationFailedException.For("expectedTotal", Fields.ExpectedTotal);
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
            throw new RuleViolationException(Catalogue.Fill(Rules.RunAlreadyApproved, run.ApprovedBy, run.ApprovedAt));
        }
        if (run.Status == PremiRunStatus.Cancelled)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.RunCancelledBy, run.CancelledBy));
        }
        if (run.CreatedBy == approver)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.FourEyes, run.CreatedBy));
        }
        if (input?.ExpectedTotal is { } expected && expected != run.Total.Value)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.RunTotalDiffers, Format.Rupiah(run.Total), Format.Rupiah(expected)));
        }
        if (run.Lines.Count == 0)
        {
            throw new RuleViolationException(Rules.DraftHasNoLines);
        }
    }

    /// <summary>Only a draft is cancelled; an approved run is corrected by reversing its entries.</summary>
    public static void CheckCancellable(PremiRun run)
    {
        if (run.Status != PremiRunStatus.Draft)
        {
            throw new RuleViolationException(run.Status == PremiRunStatus.Approved
                ? Rules.RunApprovedNotCancelled
                : Rules.RunAlreadyCancelled);
        }
    }
}
