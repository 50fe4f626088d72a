using Ledger.Core.Facilities;
using Ledger.Core.Input;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Skills;

/// <summary>What a programme is for: training hours, production work (work orders), or both.</summary>
public enum ProgrammeKind
{
    Training,
    Production,
    Both,
}

/// <summary>
/// A programme of one facility (e.g. coir-craft training and production with PT Coir). It is active from
/// <c>startsOn</c> (or always, when absent) until the day before <c>retiredOn</c>.
/// </summary>
public sealed record Programme(
    ProgrammeId Id,
    string FacilityCode,
    string Code,
    string Name,
    ProgrammeKind Kind,
    string? Partner,
    int? RequiredMinutes,
    string? CertificationScheme,
    LocalDate? StartsOn,
    LocalDate? RetiredOn,
    string CreatedBy,
    Instant CreatedAt)
{
    public bool IsActiveOn(LocalDate day) => (StartsOn is null || StartsOn <= day) && (RetiredOn is null || day < RetiredOn);

    /// <summary>Training minutes may be recorded on training and mixed programmes, not on production-only ones.</summary>
    public bool TakesTraining => Kind != ProgrammeKind.Production;
}

/// <summary>The request to set up a programme.</summary>
/// <remarks>Fields are nullable so a missing one is reported, not defaulted.</remarks>
public sealed record NewProgramme(string? Code, string? Name, ProgrammeKind? Kind, string? Partner, int? RequiredMinutes, string? CertificationScheme, LocalDate? StartsOn);

/// <summary>The request to retire a programme from a day on (the first day it is no longer active).</summary>
public sealed record RetireProgramme(LocalDate? RetiredOn);

/// <summary>Pure checks of the programme requests.</summary>
public static class ProgrammeRules
{
    public static void Validate(NewProgramme input, LocalDate today)
    {
        var errors = new FieldErrors();
        if (errors.Required(input.Code, "code") && !FacilityRules.IsSlug(input.Code))
        {
            errors.Add("code", Catalogue.Fill(Fields.MustBeSlugSuchAs, "sabut-kelapa"));
        }
        errors.Text(input.Name, "name", 200);
        errors.Required(input.Kind, "kind");
        errors.Text(input.Partner, "partner", 200, required: false);
        if (input.RequiredMinutes is <= 0 or > 1_000_000)
        {
            errors.Add("requiredMinutes", Fields.RequiredMinutesWhenGiven);
        }
        errors.Text(input.CertificationScheme, "certificationScheme", 200, required: false);
        if (errors.NotBefore(input.StartsOn, PlausibleDates.Earliest, "startsOn") && input.StartsOn > today.PlusYears(PlausibleDates.MaxYearsAhead))
        {
            errors.Add("startsOn", Catalogue.Fill(Fields.MustBeAtMostYearsAhead, PlausibleDates.MaxYearsAhead));
        }
        errors.ThrowIfAny();
    }

    public static void ValidateRetirement(RetireProgramme input, Programme programme, LocalDate? lastLiveEntry)
    {
        var errors = new FieldErrors();
        if (errors.Required(input.RetiredOn, "retiredOn") && programme.StartsOn is { } starts && input.RetiredOn <= starts)
        {
            errors.Add("retiredOn", Catalogue.Fill(Fields.AfterProgrammeStart, Format.Date(starts)));
        }
        errors.NotBefore(input.RetiredOn, PlausibleDates.Earliest, "retiredOn");
        errors.ThrowIfAny();
        if (programme.RetiredOn is { } retired)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.ProgrammeAlreadyRetired, programme.Code, Format.Date(retired)));
        }
        if (lastLiveEntry is { } last && last >= input.RetiredOn)
        {
            throw new RuleViolationException(
                Catalogue.Fill(Rules.ProgrammeHasLaterTraining, programme.Code, Format.Date(last)));
        }
    }
}
