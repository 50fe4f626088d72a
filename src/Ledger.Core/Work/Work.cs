using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Input;
using Ledger.Core.Premi;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Work;

/// <summary>Whether work can still be recorded on an order.</summary>
public enum WorkOrderStatus
{
    Open,
    Closed,
}

/// <summary>
/// A production order: what is made, for which partner and buyer, how many, between which days. Closing it
/// records its revenue and costs, which a profit-share scheme needs.
/// </summary>
public sealed record WorkOrder(
    WorkOrderId Id,
    string FacilityCode,
    string ProgrammeCode,
    string Description,
    string Partner,
    string? Buyer,
    int Quantity,
    string UnitName,
    Rupiah? UnitPrice,
    LocalDate StartsOn,
    LocalDate EndsOn,
    WorkOrderStatus Status,
    LocalDate? ClosedOn,
    Rupiah? Revenue,
    Rupiah? Costs,
    string CreatedBy,
    Instant CreatedAt,
    WorkProgress Progress);

/// <summary>How far an order is: units produced and passed against the quantity, workers, days and minutes (reversed records left out).</summary>
public sealed record WorkProgress(int Quantity, long UnitsProduced, long UnitsPassed, long UnitsRemaining, int PercentPassed, int Workers, int Days, long Minutes, int Records)
{
    public static WorkProgress Of(int quantity, long produced, long passed, int workers, int days, long minutes, int records) =>
        new(quantity, produced, passed, Math.Max(0, quantity - passed), (int)Math.Min(100, passed * 100 / quantity), workers, days, minutes, records);
}

/// <summary>The reversal of a work record: why, by whom, when.</summary>
public sealed record WorkRecordReversal(string Reason, string ReversedBy, Instant ReversedAt);

/// <summary>One person's work on one order on one day, with the QC result.</summary>
public sealed record WorkRecord(
    WorkRecordId Id,
    WorkOrderId WorkOrderId,
    InmateId InmateId,
    LocalDate Date,
    int Minutes,
    int UnitsProduced,
    int UnitsPassed,
    Guid BatchId,
    string RecordedBy,
    Instant RecordedAt,
    WorkRecordReversal? Reversal);

/// <summary>The request to open a work order.</summary>
/// <remarks>Fields are nullable so a missing one is reported, not defaulted.</remarks>
public sealed record NewWorkOrder(string? ProgrammeCode, string? Description, string? Partner, string? Buyer, int? Quantity, long? UnitPrice,
    string? UnitName, LocalDate? StartsOn, LocalDate? EndsOn);

/// <summary>
/// One row of a batch of work records. The person is named by <c>inmateId</c>, by <c>registrationNumber</c> (as the
/// facility registered them), or by both when they agree.
/// </summary>
public sealed record NewWorkRecord(InmateId? InmateId, LocalDate? Date, int? Minutes, int? UnitsProduced, int? UnitsPassed, string? RegistrationNumber = null);

/// <summary>Closing an order, with its revenue and costs when known (profit share needs both).</summary>
public sealed record CloseWorkOrder(long? Revenue, long? Costs);

/// <summary>Undoing a record or an entry: the reason is required and kept.</summary>
public sealed record Reversal(string? Reason);

/// <summary>What a batch row is checked against: the person's file and the minutes they already have that day.</summary>
public sealed record WorkBatchContext(WorkOrder Order, IReadOnlyDictionary<InmateId, InmateFile> Files, IReadOnlyDictionary<(InmateId, LocalDate), int> ExistingMinutes, LocalDate Today, int MaxMinutesPerDay);

/// <summary>Pure checks of work orders and work records.</summary>
public static class WorkRules
{
    public const int MaxBatchRows = 2000;
    public const string DefaultUnitName = "unit";

    public static void ValidateOrder(NewWorkOrder input)
    {
        var errors = new FieldErrors();
        if (errors.Required(input.ProgrammeCode, "programmeCode") && !FacilityRules.IsSlug(input.ProgrammeCode))
        {
            errors.Add("programmeCode", Fields.MustBeProgrammeCode);
        }
        Text(errors, input.Description, "description", 2000, required: true, multiLine: true);
        Text(errors, input.Partner, "partner", 200, required: true);
        Text(errors, input.Buyer, "buyer", 200, required: false);
        Text(errors, input.UnitName, "unitName", 40, required: false);
        if (errors.Required(input.Quantity, "quantity") && input.Quantity is < 1 or > 100_000_000)
        {
            errors.Add("quantity", Catalogue.Fill(Fields.MustBeBetween, 1, 100_000_000));
        }
        if (input.UnitPrice is < 0 or > 1_000_000_000_000)
        {
            errors.Add("unitPrice", Catalogue.Fill(Fields.RupiahBetween, 0, 1_000_000_000_000));
        }
        if (errors.Required(input.StartsOn, "startsOn") & errors.Required(input.EndsOn, "endsOn") && errors.NotBefore(input.StartsOn, PlausibleDates.Earliest, "startsOn"))
        {
            if (input.EndsOn < input.StartsOn)
            {
                errors.Add("endsOn", Catalogue.Fill(Fields.MustNotBeBefore, "startsOn"));
            }
            else if (input.EndsOn > input.StartsOn!.Value.PlusYears(PlausibleDates.MaxYearsAhead))
            {
                errors.Add("endsOn", Catalogue.Fill(Fields.MustBeAtMostYearsAfter, PlausibleDates.MaxYearsAhead, "startsOn"));
            }
        }
        errors.ThrowIfAny();
    }

    public static void ValidateClose(CloseWorkOrder input, WorkOrder order)
    {
        var errors = new FieldErrors();
        if (input.Revenue is < 0 or > 1_000_000_000_000_000)
        {
            errors.Add("revenue", Fields.RupiahZeroOrMore);
        }
        if (input.Costs is < 0 or > 1_000_000_000_000_000)
        {
            errors.Add("costs", Fields.RupiahZeroOrMore);
        }
        errors.ThrowIfAny();
        if (order.Status == WorkOrderStatus.Closed)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.WorkOrderAlreadyClosed, Format.Date(order.ClosedOn)));
        }
    }

    /// <summary>
    /// The shape of each row, before anything is read: every problem named by its row, e.g. <c>[3].unitsPassed</c>.
    /// Returns the rows that are well formed, which <see cref="ValidateBatch"/> then checks against the ledger, so a
    /// refused batch lists all of its problems at once.
    /// </summary>
    public static IReadOnlyList<int> ValidateBatchShape(IReadOnlyList<NewWorkRecord?> rows, int maxMinutesPerDay, FieldErrors errors, int maxRows = MaxBatchRows)
    {
        if (rows.Count == 0)
        {
            throw ValidationFailedException.For("body", Fields.AtLeastOneWorkRecord);
        }
        if (rows.Count > maxRows)
        {
            throw ValidationFailedException.For("body", Catalogue.Fill(Fields.AtMostWorkRecords, maxRows));
        }
        var wellFormed = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row is null)
            {
                errors.Add($"[{i}]", Fields.MustBeWorkRecord);
                continue;
            }
            var before = errors.Count;
            if (row.InmateId is null && row.RegistrationNumber is null)
            {
                errors.Add($"[{i}].inmateId", Fields.InmateIdOrNumberRequired);
            }
            else if (row.RegistrationNumber is not null)
            {
                errors.RegistrationNumber(row.RegistrationNumber, $"[{i}].registrationNumber");
            }
            errors.Required(row.Date, $"[{i}].date");
            if (errors.Required(row.Minutes, $"[{i}].minutes") && (row.Minutes < 1 || row.Minutes > maxMinutesPerDay))
            {
                errors.Add($"[{i}].minutes", Catalogue.Fill(Fields.MustBeBetween, 1, maxMinutesPerDay));
            }
            if (errors.Required(row.UnitsProduced, $"[{i}].unitsProduced") && row.UnitsProduced is < 0 or > 1_000_000)
            {
                errors.Add($"[{i}].unitsProduced", Catalogue.Fill(Fields.MustBeBetween, 0, 1_000_000));
            }
            if (errors.Required(row.UnitsPassed, $"[{i}].unitsPassed") && row.UnitsPassed < 0)
            {
                errors.Add($"[{i}].unitsPassed", Fields.MustNotBeNegative);
            }
            else if (row.UnitsPassed > row.UnitsProduced)
            {
                errors.Add($"[{i}].unitsPassed", Catalogue.Fill(Fields.NotMoreThanProduced, row.UnitsProduced));
            }
            if (errors.Count == before)
            {
                wellFormed.Add(i);
            }
        }
        return wellFormed;
    }

    /// <summary>
    /// Gives each well-formed row its person: the id it names, or the one its registration number names in the
    /// facility (<paramref name="byNumber"/>, found in one query for the whole batch). A row whose number is unknown,
    /// or names someone else than its id, is refused and left out of the rows checked further.
    /// </summary>
    public static (IReadOnlyList<NewWorkRecord?> Rows, IReadOnlyList<int> WellFormed) ResolvePeople(IReadOnlyList<NewWorkRecord?> rows, IReadOnlyList<int> wellFormed,
        IReadOnlyDictionary<string, InmateId> byNumber, string facilityCode, FieldErrors errors)
    {
        var resolved = rows.ToList();
        var kept = new List<int>();
        foreach (var i in wellFormed)
        {
            var row = rows[i]!;
            if (RegistrationNumber.NormalizeOrNull(row.RegistrationNumber) is not { } number)
            {
                kept.Add(i);
            }
            else if (!byNumber.TryGetValue(number, out var id))
            {
                errors.Add($"[{i}].registrationNumber", Catalogue.Fill(Fields.NoInmateWithNumberIn, number, facilityCode));
            }
            else if (row.InmateId is { } given && given != id)
            {
                errors.Add($"[{i}].registrationNumber", Catalogue.Fill(Fields.NumberIsAnotherPerson, number));
            }
            else
            {
                resolved[i] = row with { InmateId = id };
                kept.Add(i);
            }
        }
        return (resolved, kept);
    }

    /// <summary>
    /// The checks that need the ledger: the person was held in the order's facility that day, the day lies within
    /// the order and not after today, and the person's minutes that day (already recorded plus this batch) stay
    /// within the facility's limit. Problems are added to <paramref name="errors"/>, not thrown.
    /// </summary>
    public static void ValidateBatch(IReadOnlyList<NewWorkRecord?> rows, IReadOnlyList<int> wellFormed, WorkBatchContext context, FieldErrors errors)
    {
        var order = context.Order;
        var minutes = new Dictionary<(InmateId, LocalDate), int>(context.ExistingMinutes);
        foreach (var i in wellFormed)
        {
            var row = rows[i]!;
            var id = row.InmateId!.Value;
            var date = row.Date!.Value;
            if (!context.Files.TryGetValue(id, out var file))
            {
                errors.Add($"[{i}].inmateId", UnknownPerson(order.FacilityCode));
                continue;
            }
            var dayOk = true;
            if (date < order.StartsOn || date > order.EndsOn)
            {
                errors.Add($"[{i}].date", Catalogue.Fill(Fields.WithinTheOrder, Format.Date(order.StartsOn), Format.Date(order.EndsOn)));
                dayOk = false;
            }
            if (date > context.Today)
            {
                errors.Add($"[{i}].date", Catalogue.Fill(Fields.MustNotBeAfterToday, Format.Date(context.Today)));
                dayOk = false;
            }
            if (dayOk && !file.HeldIn(order.FacilityCode, date))
            {
                errors.Add($"[{i}].inmateId", Catalogue.Fill(Fields.NotHeldInOn, file.Inmate.RegistrationNumber, order.FacilityCode, Format.Date(date)));
            }
            var key = (id, date);
            var total = minutes.GetValueOrDefault(key) + row.Minutes!.Value;
            minutes[key] = total;
            if (total > context.MaxMinutesPerDay)
            {
                errors.Add($"[{i}].minutes", Catalogue.Fill(Fields.WorkOverDailyLimit, file.Inmate.RegistrationNumber, total, Format.Date(date), context.MaxMinutesPerDay));
            }
        }
    }

    /// <summary>The answer for an id that no one held in the facility has: unknown, or a person of another facility alike.</summary>
    public static string UnknownPerson(string facilityCode) => Catalogue.Fill(Fields.NoInmateWithIdHeldIn, facilityCode);

    /// <summary>Free text of an order; an optional field sent as only spaces is refused rather than dropped.</summary>
    private static void Text(FieldErrors errors, string? value, string field, int max, bool required, bool multiLine = false)
    {
        if (!required && value is not null && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, Fields.MustNotBeBlankWhenGiven);
            return;
        }
        errors.Text(value, field, max, required, multiLine);
    }
}

/// <summary>One person's share of one work order: the days they worked on it and the units they made and passed QC.</summary>
public sealed record WorkShare(InmateId InmateId, WorkOrderId WorkOrderId, string FacilityCode, string ProgrammeCode, string Description, string Partner,
    string? Buyer, string UnitName, int DaysWorked, int Minutes, long UnitsProduced, long UnitsPassed, LocalDate FirstDay, LocalDate LastDay);
