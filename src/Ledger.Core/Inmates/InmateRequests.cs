using Ledger.Core.Input;
using Ledger.Core.Sentences;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Inmates;

/// <summary>Sentence as sent by a client; parts default to zero, at least one must be positive for a fixed sentence.</summary>
public sealed record SentenceInput(int? Years, int? Months, int? Days);

/// <summary>The request to register a warga binaan in a facility.</summary>
public sealed record RegisterInmate(string? RegistrationNumber, string? FullName, LocalDate? BirthDate, LocalDate? DetentionDate, SentenceInput? Sentence, SentenceKind? SentenceKind);

public sealed record GrantRemission(RemissionKind? Kind, LocalDate? GrantedOn, int? Months, int? Days, string? DecreeNumber);

public sealed record RecordDiscipline(LocalDate? OccurredOn, string? Description);

public sealed record TransferInmate(string? ToFacility, LocalDate? On);

public sealed record ReleaseInmate(LocalDate? ReleasedOn);

/// <summary>A registration as it is stored: the registration number in its normal form, the name trimmed, the sentence.</summary>
public sealed record ValidRegistration(string RegistrationNumber, string FullName, Sentence Sentence);

/// <summary>Pure checks of the inmate requests against the facility's today.</summary>
public static class InmateRules
{
    /// <summary>The longest a remisi decree grants, in months and in days (the registry import checks the same).</summary>
    public const int MaxRemisiMonths = 120, MaxRemisiDays = 3650;

    /// <summary>The longest decree number, and register F description.</summary>
    public const int MaxDecreeNumberLength = 100, MaxDisciplineDescriptionLength = 2000;

    public static ValidRegistration ValidateRegistration(RegisterInmate input, LocalDate today)
    {
        var errors = new FieldErrors();
        var registrationNumber = errors.RegistrationNumber(input.RegistrationNumber, "registrationNumber");
        errors.Text(input.FullName, "fullName", 200);
        if (errors.Required(input.DetentionDate, "detentionDate"))
        {
            if (input.DetentionDate > today)
            {
                errors.Add("detentionDate", Catalogue.Fill(Fields.MustNotBeAfterToday, Format.Date(today)));
            }
            errors.NotBefore(input.DetentionDate, PlausibleDates.Earliest, "detentionDate");
        }
        if (input.BirthDate is { } birth && (birth > today || (input.DetentionDate is { } d && birth >= d)))
        {
            errors.Add("birthDate", Fields.BirthBeforeDetention);
        }
        errors.NotBefore(input.BirthDate, PlausibleDates.EarliestBirth, "birthDate");
        errors.Required(input.SentenceKind, "sentenceKind");
        var years = input.Sentence?.Years ?? 0;
        var months = input.Sentence?.Months ?? 0;
        var days = input.Sentence?.Days ?? 0;
        if (years is < 0 or > 100)
        {
            errors.Add("sentence.years", Catalogue.Fill(Fields.MustBeBetween, 0, 100));
        }
        if (months is < 0 or > 1200)
        {
            errors.Add("sentence.months", Catalogue.Fill(Fields.MustBeBetween, 0, 1200));
        }
        if (days is < 0 or > 36500)
        {
            errors.Add("sentence.days", Catalogue.Fill(Fields.MustBeBetween, 0, 36500));
        }
        if (input.SentenceKind == Sentences.SentenceKind.Fixed)
        {
            if (input.Sentence is null)
            {
                errors.Add("sentence", Fields.RequiredForFixedSentence);
            }
            else if (years == 0 && months == 0 && days == 0)
            {
                errors.Add("sentence", Fields.FixedSentenceLongerThanZero);
            }
        }
        errors.ThrowIfAny();
        return new ValidRegistration(registrationNumber!, input.FullName!.Trim(), new Sentence(years, months, days, input.SentenceKind!.Value));
    }

    /// <summary>
    /// Checks a remisi against the person and the remisi already granted: all of them together, this one included,
    /// must not be longer than the sentence (the adjusted expiry would fall before the detention).
    /// </summary>
    public static void ValidateRemission(GrantRemission input, Inmate inmate, IReadOnlyList<Remission> granted, LocalDate today)
    {
        var errors = new FieldErrors();
        errors.Required(input.Kind, "kind");
        if (errors.Required(input.GrantedOn, "grantedOn"))
        {
            if (input.GrantedOn > today)
            {
                errors.Add("grantedOn", Catalogue.Fill(Fields.MustNotBeAfterToday, Format.Date(today)));
            }
            if (input.GrantedOn < inmate.DetentionDate)
            {
                errors.Add("grantedOn", Fields.MustNotBeBeforeDetention);
            }
        }
        var partsOk = true;
        if (input.Months is < 0 or > MaxRemisiMonths)
        {
            errors.Add("months", Catalogue.Fill(Fields.MustBeBetween, 0, MaxRemisiMonths));
            partsOk = false;
        }
        if (input.Days is < 0 or > MaxRemisiDays)
        {
            errors.Add("days", Catalogue.Fill(Fields.MustBeBetween, 0, MaxRemisiDays));
            partsOk = false;
        }
        if ((input.Months ?? 0) == 0 && (input.Days ?? 0) == 0)
        {
            errors.Add("months", Fields.RemisiAtLeastOneMonthOrDay);
        }
        else if (partsOk && inmate.Sentence.Kind == SentenceKind.Fixed)
        {
            var months = granted.Sum(r => r.Months) + (input.Months ?? 0);
            var days = granted.Sum(r => r.Days) + (input.Days ?? 0);
            var expiry = inmate.DetentionDate.Plus(inmate.Sentence.Length);
            if (expiry.PlusMonths(-months).PlusDays(-days) < inmate.DetentionDate)
            {
                var field = (input.Months ?? 0) > 0 ? "months" : "days";
                errors.Add(field, Catalogue.Fill(Fields.RemisiLongerThanSentence, months, days, inmate.Sentence.Years, inmate.Sentence.Months, inmate.Sentence.Days));
            }
        }
        errors.Text(input.DecreeNumber, "decreeNumber", MaxDecreeNumberLength);
        errors.ThrowIfAny();
        if (inmate.Sentence.Kind != SentenceKind.Fixed)
        {
            throw new RuleViolationException(Rules.NoExpiryToShorten);
        }
    }

    public static void ValidateDiscipline(RecordDiscipline input, Inmate inmate, LocalDate today)
    {
        var errors = new FieldErrors();
        if (errors.Required(input.OccurredOn, "occurredOn") && (input.OccurredOn > today || input.OccurredOn < inmate.DetentionDate))
        {
            errors.Add("occurredOn", Catalogue.Fill(Fields.BetweenDetentionAndToday, Format.Date(today)));
        }
        errors.Text(input.Description, "description", MaxDisciplineDescriptionLength, multiLine: true);
        errors.ThrowIfAny();
    }

    public static void ValidateTransfer(TransferInmate input, InmateFile file, LocalDate today)
    {
        var errors = new FieldErrors();
        errors.Required(input.ToFacility, "toFacility");
        if (errors.Required(input.On, "on"))
        {
            var current = file.Placements.Single(p => p.EndedOn is null);
            if (input.On > today)
            {
                errors.Add("on", Catalogue.Fill(Fields.MustNotBeAfterToday, Format.Date(today)));
            }
            else if (input.On <= current.StartedOn)
            {
                errors.Add("on", Catalogue.Fill(Fields.AfterPlacementStart, Format.Date(current.StartedOn)));
            }
        }
        if (input.ToFacility == file.Inmate.FacilityCode)
        {
            errors.Add("toFacility", Fields.AlreadyInThisFacility);
        }
        errors.ThrowIfAny();
        if (file.Inmate.ReleasedOn is not null)
        {
            throw new RuleViolationException(Rules.ReleasedCannotTransfer);
        }
    }

    public static void ValidateRelease(ReleaseInmate input, InmateFile file, LocalDate today)
    {
        var errors = new FieldErrors();
        if (errors.Required(input.ReleasedOn, "releasedOn"))
        {
            var current = file.Placements.Single(p => p.EndedOn is null);
            if (input.ReleasedOn > today)
            {
                errors.Add("releasedOn", Catalogue.Fill(Fields.MustNotBeAfterToday, Format.Date(today)));
            }
            else if (input.ReleasedOn < current.StartedOn)
            {
                errors.Add("releasedOn", Catalogue.Fill(Fields.NotBeforePlacementStart, Format.Date(current.StartedOn)));
            }
        }
        errors.ThrowIfAny();
        if (file.Inmate.ReleasedOn is not null)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.AlreadyReleased, Format.Date(file.Inmate.ReleasedOn)));
        }
    }
}
