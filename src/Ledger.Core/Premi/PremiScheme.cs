using Ledger.Core.Facilities;
using NodaTime;

namespace Ledger.Core.Premi;

/// <summary>How a scheme turns work into rupiah.</summary>
/// <remarks>domain.md, "Work and premi".</remarks>
public enum PremiSchemeKind
{
    /// <summary>Rp per unit that passed QC.</summary>
    PieceRate,

    /// <summary>Rp per day worked, a day counting from the minimum minutes.</summary>
    DayRate,

    /// <summary>Rp per calendar month with at least the minimum days worked.</summary>
    Monthly,

    /// <summary>A percentage of a closed order's revenue − costs, shared by QC-passed units.</summary>
    ProfitShare,
}

/// <summary>
/// One version of a scheme's terms. Versions are never edited: a change is a new version, and a run names the
/// version it used, so every amount can be traced to the terms behind it.
/// </summary>
public sealed record PremiSchemeVersion(
    Guid VersionId,
    int Version,
    string Name,
    PremiSchemeKind Kind,
    Rupiah? Rate,
    int? Percent,
    int MinMinutesPerDay,
    int? MinDaysPerMonth,
    int SavingsPercent,
    Rupiah? MonthlyCap,
    LocalDate ValidFrom,
    LocalDate? ValidTo,
    string CreatedBy,
    Instant CreatedAt)
{
    public bool Covers(LocalDate from, LocalDate to) => ValidFrom <= from && (ValidTo is null || to <= ValidTo);
}

/// <summary>A premi scheme of a facility with all its versions, the latest last.</summary>
public sealed record PremiScheme(PremiSchemeId Id, string FacilityCode, string Name, PremiSchemeKind Kind, int CurrentVersion, IReadOnlyList<PremiSchemeVersion> Versions);

/// <summary>The terms of a new scheme or of a scheme's next version.</summary>
/// <remarks>Fields are nullable so a missing one is reported, not defaulted.</remarks>
public sealed record PremiSchemeInput(
    string? Name,
    PremiSchemeKind? Kind,
    long? Rate,
    int? Percent,
    int? MinMinutesPerDay,
    int? MinDaysPerMonth,
    int? SavingsPercent,
    long? MonthlyCap,
    LocalDate? ValidFrom,
    LocalDate? ValidTo);

/// <summary>Pure checks of scheme terms; defaults come from the facility's settings.</summary>
public static class PremiSchemeRules
{
    public const long MaxRate = 1_000_000_000;

    /// <summary>Checks the terms and fills in the facility's defaults; <paramref name="kindOfScheme"/> is the kind of the scheme a new version belongs to.</summary>
    public static PremiSchemeInput Validate(PremiSchemeInput input, FacilitySettings settings, PremiSchemeKind? kindOfScheme = null)
    {
        var errors = new FieldErrors();
        errors.Text(input.Name, "name", 200);
        var kind = input.Kind ?? kindOfScheme;
        if (kind is null)
        {
            errors.Add("kind", "is required");
        }
        else if (kindOfScheme is { } existing && input.Kind is { } given && given != existing)
        {
            errors.Add("kind", $"a new version keeps the scheme's kind ({Wire.Of(existing)}); create another scheme for another kind");
        }
        if (kind == PremiSchemeKind.ProfitShare)
        {
            if (input.Rate is not null)
            {
                errors.Add("rate", "a profit-share scheme has a percent, not a rate");
            }
            if (input.Percent is < 1 or > 100)
            {
                errors.Add("percent", "must be between 1 and 100");
            }
        }
        else if (kind is not null)
        {
            if (errors.Required(input.Rate, "rate") && input.Rate is < 1 or > MaxRate)
            {
                errors.Add("rate", $"must be a whole number of rupiah between 1 and {MaxRate}");
            }
            if (input.Percent is not null)
            {
                errors.Add("percent", "only a profit-share scheme has a percent");
            }
        }
        if (input.MinMinutesPerDay is < 1 or > 1440)
        {
            errors.Add("minMinutesPerDay", "must be between 1 and 1440");
        }
        if (kind == PremiSchemeKind.Monthly)
        {
            if (errors.Required(input.MinDaysPerMonth, "minDaysPerMonth") && input.MinDaysPerMonth is < 1 or > 31)
            {
                errors.Add("minDaysPerMonth", "must be between 1 and 31");
            }
        }
        else if (input.MinDaysPerMonth is not null)
        {
            errors.Add("minDaysPerMonth", "only a monthly scheme has a minimum of days per month");
        }
        if (errors.Required(input.SavingsPercent, "savingsPercent") && input.SavingsPercent is < 0 or > 100)
        {
            errors.Add("savingsPercent", "must be between 0 and 100");
        }
        if (input.MonthlyCap is < 1 or > MaxRate * 100)
        {
            errors.Add("monthlyCap", "must be a whole number of rupiah, 1 or more");
        }
        if (errors.Required(input.ValidFrom, "validFrom") && errors.NotBefore(input.ValidFrom, Input.PlausibleDates.Earliest, "validFrom") && input.ValidTo < input.ValidFrom)
        {
            errors.Add("validTo", "must not be before validFrom");
        }
        errors.ThrowIfAny();
        return input with
        {
            Name = input.Name!.Trim(),
            Kind = kind,
            Percent = kind == PremiSchemeKind.ProfitShare ? input.Percent ?? settings.ProfitSharePremiPercent : null,
            MinMinutesPerDay = input.MinMinutesPerDay ?? settings.PremiMinMinutesPerDay,
        };
    }
}
