using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using Ledger.Core.Sentences;
using NodaTime;

namespace Ledger.Core.Readiness;

/// <summary>Who the summary is about.</summary>
public sealed record PersonFacts(InmateId Id, string RegistrationNumber, string FullName, LocalDate? BirthDate, string FacilityCode, string FacilityName,
    LocalDate DetentionDate, Sentence Sentence, LocalDate? ReleasedOn);

/// <summary>The day a person is expected to leave and why: the earliest release right that can apply, else the adjusted expiry.</summary>
public sealed record ExpectedRelease(LocalDate? Date, string Basis);

/// <summary>Training in one programme: minutes, JP (jam pelajaran) and progress to the programme's requirement.</summary>
public sealed record ProgrammeProgress(string ProgrammeCode, string ProgrammeName, int Minutes, decimal Jp, int? RequiredMinutes, int? ProgressPercent, bool RequirementReached);

public sealed record SkillsView(int TotalMinutes, decimal TotalJp, int MinutesPerJp, IReadOnlyList<ProgrammeProgress> Programmes, IReadOnlyList<MonthlyMinutes> ByMonth);

/// <summary>A certificate with whether it is valid today and on the expected release day (a certificate that lapses before release is a gap).</summary>
public sealed record CertificateView(Guid Id, string Title, string Issuer, string Number, bool Competent, LocalDate IssuedOn, LocalDate? ValidUntil, LocalDate? RevokedOn,
    bool ValidToday, bool ValidAtRelease);

public sealed record WorkView(int DaysWorked, long UnitsProduced, long UnitsPassed, IReadOnlyList<WorkOrderShare> Orders);

public sealed record PremiView(Rupiah Spendable, Rupiah Savings, Rupiah Total, Rupiah TotalEarned);

/// <summary>One item of the release checklist, with a detail a person can read.</summary>
public sealed record ChecklistItem(string Item, bool Passed, string Detail);

/// <summary>The release-readiness summary of api.md: dates, rights, skills, certificates, work, premi and the checklist.</summary>
public sealed record ReadinessSummary(
    PersonFacts Person,
    LocalDate AsOf,
    ExpectedRelease ExpectedRelease,
    ReleaseDates Dates,
    ReleaseRights Rights,
    SkillsView Skills,
    IReadOnlyList<CertificateView> Certificates,
    WorkView Work,
    PremiView Premi,
    IReadOnlyList<ChecklistItem> Checklist,
    IReadOnlyList<DisciplineEntry> Discipline)
{
    /// <summary>The checklist items not yet met.</summary>
    public IReadOnlyList<string> Gaps => [.. Checklist.Where(c => !c.Passed).Select(c => c.Item)];
}

/// <summary>Release readiness as a pure function of a person's facts and a day (domain.md "Release dates", issue 5).</summary>
public static class ReleaseReadiness
{
    public static ReadinessSummary Evaluate(ReadinessInput input, LocalDate asOf)
    {
        var settings = input.Facility.Settings;
        var inmate = input.File.Inmate;
        var dates = ReleaseCalculator.Evaluate(ReleaseInput.From(input.File, settings), asOf);
        var expected = ExpectedReleaseOf(dates, inmate.ReleasedOn);
        var releaseDay = expected.Date ?? asOf;

        var programmes = input.Programmes
            .OrderBy(p => p.ProgrammeCode, StringComparer.Ordinal)
            .Select(p => new ProgrammeProgress(p.ProgrammeCode, p.ProgrammeName, p.Minutes, Jp(p.Minutes, settings.MinutesPerJp), p.RequiredMinutes,
                p.RequiredMinutes is > 0 and var required ? (int)Math.Min(100, (long)p.Minutes * 100 / required) : null,
                p.RequiredMinutes is > 0 && p.Minutes >= p.RequiredMinutes))
            .ToList();
        var totalMinutes = input.Programmes.Sum(p => p.Minutes);
        var skills = new SkillsView(totalMinutes, Jp(totalMinutes, settings.MinutesPerJp), settings.MinutesPerJp, programmes, input.TrainingByMonth);

        var certificates = input.Certificates
            .OrderBy(c => c.IssuedOn)
            .Select(c => new CertificateView(c.Id, c.Title, c.Issuer, c.Number, c.Competent, c.IssuedOn, c.ValidUntil, c.RevokedOn, IsValidOn(c, asOf), IsValidOn(c, releaseDay)))
            .ToList();

        var work = new WorkView(input.Work.Sum(w => w.DaysWorked), input.Work.Sum(w => w.UnitsProduced), input.Work.Sum(w => w.UnitsPassed), input.Work);
        var premi = new PremiView(input.Premi.Spendable, input.Premi.Savings, input.Premi.Spendable + input.Premi.Savings, input.Premi.TotalEarned);

        var checklist = new List<ChecklistItem>
        {
            CertificateItem(certificates, expected),
            TrainingItem(programmes),
            SavingsItem(premi, new Rupiah(settings.TravelHomeAmount)),
            DisciplineItem(input.File.Discipline, asOf, settings.ChecklistDisciplineMonths),
        };

        var person = new PersonFacts(inmate.Id, inmate.RegistrationNumber, inmate.FullName, inmate.BirthDate, input.Facility.Code, input.Facility.Name,
            inmate.DetentionDate, inmate.Sentence, inmate.ReleasedOn);
        return new ReadinessSummary(person, asOf, expected, dates, dates.Rights, skills, certificates, work, premi, checklist, input.File.Discipline);
    }

    /// <summary>JP to one decimal: 2,400 minutes at 45 minutes a JP is 53.3 JP.</summary>
    public static decimal Jp(int minutes, int minutesPerJp) => minutesPerJp <= 0 ? 0 : Math.Round((decimal)minutes / minutesPerJp, 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// A person leaves on the earliest release right that can still apply (parole, cuti bersyarat, cuti menjelang
    /// bebas), else at the adjusted expiry. Asimilasi is work outside the walls, not release, so it does not count.
    /// </summary>
    public static ExpectedRelease ExpectedReleaseOf(ReleaseDates dates, LocalDate? releasedOn)
    {
        if (releasedOn is { } released)
        {
            return new ExpectedRelease(released, "released");
        }
        var rights = new (string Basis, RightAssessment Right)[]
        {
            ("pembebasan-bersyarat", dates.Rights.PembebasanBersyarat),
            ("cuti-bersyarat", dates.Rights.CutiBersyarat),
            ("cuti-menjelang-bebas", dates.Rights.CutiMenjelangBebas),
        };
        var earliest = rights.Where(r => r.Right.Status != RightStatus.None && r.Right.Date is not null).OrderBy(r => r.Right.Date).FirstOrDefault();
        if (earliest.Right is not null)
        {
            return new ExpectedRelease(earliest.Right.Date, earliest.Basis);
        }
        return dates.AdjustedExpiry is { } expiry ? new ExpectedRelease(expiry, "ekspirasi") : new ExpectedRelease(null, "no-expiry");
    }

    /// <summary>Valid on a day when competent, issued by then, not expired and not revoked by then.</summary>
    public static bool IsValidOn(CertificateFact certificate, LocalDate day) =>
        certificate.Competent && certificate.IssuedOn <= day && (certificate.ValidUntil is null || day <= certificate.ValidUntil) && (certificate.RevokedOn is null || day < certificate.RevokedOn);

    private static ChecklistItem CertificateItem(IReadOnlyList<CertificateView> certificates, ExpectedRelease expected)
    {
        var valid = certificates.Where(c => c.ValidAtRelease).ToList();
        var on = expected.Date is { } day ? $"on {day:yyyy-MM-dd}" : "today";
        if (valid.Count > 0)
        {
            return new("competent-certificate-valid-at-release", true, $"{valid.Count} competent certificate(s) valid {on}: {string.Join(", ", valid.Select(c => c.Title))}");
        }
        var lapsing = certificates.Where(c => c.Competent && c.ValidToday).ToList();
        return new("competent-certificate-valid-at-release", false, lapsing.Count > 0
            ? $"{string.Join(", ", lapsing.Select(c => c.Title))} valid today but not {on}"
            : $"no competent certificate valid {on}");
    }

    private static ChecklistItem TrainingItem(IReadOnlyList<ProgrammeProgress> programmes)
    {
        var reached = programmes.Where(p => p.RequirementReached).ToList();
        if (reached.Count > 0)
        {
            return new("required-training-reached", true, $"required minutes reached in {string.Join(", ", reached.Select(p => p.ProgrammeName))}");
        }
        var closest = programmes.Where(p => p.RequiredMinutes is > 0).OrderByDescending(p => p.ProgressPercent).FirstOrDefault();
        return new("required-training-reached", false, closest is null
            ? "no training in a programme that requires hours"
            : $"{closest.ProgrammeName}: {closest.Minutes} of {closest.RequiredMinutes} minutes ({closest.ProgressPercent}%)");
    }

    private static ChecklistItem SavingsItem(PremiView premi, Rupiah travelHome) =>
        new("savings-for-travel-home", premi.Savings >= travelHome,
            premi.Savings >= travelHome
                ? $"tabungan {premi.Savings} covers travel home ({travelHome})"
                : $"tabungan {premi.Savings} is below the travel-home amount {travelHome}");

    private static ChecklistItem DisciplineItem(IReadOnlyList<DisciplineEntry> discipline, LocalDate asOf, int months)
    {
        // The same window as the release rights: an entry on day d counts on day t when t − N months < d ≤ t.
        var blocking = DisciplineWindow.LatestBlocking([.. discipline.Select(d => d.OccurredOn)], asOf, months);
        return blocking is { } entry
            ? new($"no-discipline-{months}-months", false, $"register-F entry on {entry:yyyy-MM-dd}; clear from {DisciplineWindow.ClearsOn(entry, months):yyyy-MM-dd}")
            : new($"no-discipline-{months}-months", true, $"no register-F entry in the {months} months up to {asOf:yyyy-MM-dd}");
    }
}
