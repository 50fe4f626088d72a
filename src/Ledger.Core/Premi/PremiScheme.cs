using Ledger.Core.Facilities;
using Ledger.Core.Text;
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
            errors.Add("kind", Fields.IsRequired);
        }
        else if (kindOfScheme is { } existing && input.Kind is { } given && given != existing)
        {
            errors.Add("kind", Catalogue.Fill(Fields.KeepsSchemeKind, Wire.Of(existing)));
        }
        if (kind == PremiSchemeKind.ProfitShare)
        {
            if (input.Rate is not null)
            {
                errors.Add("rate", Fields.ProfitSharePercentNotRate);
            }
            if (input.Percent is < 1 or > 100)
            {
                errors.Add("percent", Catalogue.Fill(Fields.MustBeBetween, 1, 100));
            }
        }
        else if (kind is not null)
        {
            if (errors.Required(input.Rate, "rate") && input.Rate is < 1 or > MaxRate)
            {
                errors.Add("rate", Catalogue.Fill(Fields.RupiahBetween, 1, MaxRate));
            }
            if (input.Percent is not null)
            {
                errors.Add("percent", Fields.OnlyProfitShareHasPercent);
            }
        }
        if (input.MinMinutesPerDay is < 1 or > 1440)
        {
            errors.Add("minMinutesPerDay", Catalogue.Fill(Fields.MustBeBetween, 1, 1440));
        }
        if (kind == PremiSchemeKind.Monthly)
        {
            if (errors.Required(input.MinDaysPerMonth, "minDaysPerMonth") && input.MinDaysPerMonth is < 1 or > 31)
            {
                errors.Add("minDaysPerMonth", Catalogue.Fill(Fields.MustBeBetween, 1, 31));
            }
        }
        else if (input.MinDaysPerMonth is not null)
        {
            errors.Add("minDaysPerMonth", Fields.OnlyMonthlyHasMinDays);
        }
        if (errors.Required(input.SavingsPercent, "savingsPercent") && input.SavingsPercent is < 0 or > 100)
        {
            errors.Add("savingsPercent", Catalogue.Fill(Fields.MustBeBetween, 0, 100));
        }
        if (input.MonthlyCap is < 1 or > MaxRate * 100)
        {
            errors.Add("monthlyCap", Fields.RupiahOneOrMore);
        }
        if (errors.Required(input.ValidFrom, "validFrom") && errors.NotBefore(input.ValidFrom, Input.PlausibleDates.Earliest, "validFrom") && input.ValidTo < input.ValidFrom)
        {
            errors.Add("validTo", Catalogue.Fill(Fields.MustNotBeBefore, "validFrom"));
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
