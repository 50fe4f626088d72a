using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using Ledger.Core.Sentences;
using Ledger.Core.Skills;
using Ledger.Core.Work;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Readiness;

/// <summary>Who the summary is about.</summary>
public sealed record PersonFacts(InmateId Id, string RegistrationNumber, string FullName, LocalDate? BirthDate, string FacilityCode, string FacilityName,
    LocalDate DetentionDate, Sentence Sentence, LocalDate? ReleasedOn);

/// <summary>The dates of the sentence; the rights are reported beside them.</summary>
public sealed record SentenceDates(LocalDate? Expiry, int RemissionMonths, int RemissionDays, LocalDate? AdjustedExpiry, int? SentenceSpanDays,
    LocalDate? HalfDate, LocalDate? TwoThirdsDate, LocalDate? ProbationEndsOn)
{
    public static SentenceDates Of(ReleaseDates dates) => new(dates.Expiry, dates.RemissionMonths, dates.RemissionDays, dates.AdjustedExpiry,
        dates.SentenceSpanDays, dates.HalfDate, dates.TwoThirdsDate, dates.ProbationEndsOn);
}

/// <summary>Training across programmes: minutes, whole JP by the facility's minutes per JP, progress per programme and minutes per month.</summary>
public sealed record SkillsView(int TotalMinutes, int TotalJp, int MinutesPerJp, IReadOnlyList<ProgrammeProgress> Programmes, IReadOnlyList<MonthlyMinutes> ByMonth);

/// <summary>Work done: days, units produced and passed QC, and the orders behind them (e.g. the export order).</summary>
public sealed record WorkView(int DaysWorked, long UnitsProduced, long UnitsPassed, IReadOnlyList<WorkShare> Orders);

/// <summary>The premi: the balances now and, once finance has paid them out after the release, what was paid (null before).</summary>
public sealed record PremiView(Rupiah Spendable, Rupiah Savings, Rupiah Total, Rupiah TotalEarned, PaidAtRelease? PaidOut = null);

/// <summary>What the release payout handed over: the day, the kuitansi and both parts.</summary>
public sealed record PaidAtRelease(LocalDate PaidOn, string ReceiptNumber, Rupiah Spendable, Rupiah Savings, Rupiah Total);

/// <summary>One item of the release checklist, with a detail a person can read.</summary>
public sealed record ChecklistItem(ChecklistItemName Item, bool Passed, string Detail);

/// <summary>The release-readiness summary: dates, rights, skills, certificates, work, premi and the checklist.</summary>
public sealed record ReadinessSummary(
    PersonFacts Person,
    LocalDate AsOf,
    ExpectedRelease ExpectedRelease,
    SentenceDates Dates,
    ReleaseRights Rights,
    SkillsView Skills,
    IReadOnlyList<CertificateStanding> Certificates,
    WorkView Work,
    PremiView Premi,
    IReadOnlyList<ChecklistItem> Checklist,
    IReadOnlyList<DisciplineEntry> Discipline)
{
    /// <summary>The checklist items not yet met.</summary>
    public IReadOnlyList<ChecklistItemName> Gaps => [.. Checklist.Where(c => !c.Passed).Select(c => c.Item)];

    /// <summary>The summary with register-F dates but not what happened, for readers who do not need to know it.</summary>
    public ReadinessSummary WithoutDisciplineDescriptions() => this with { Discipline = DisciplineEntry.DatesOnly(Discipline) };
}

/// <summary>Release readiness as a pure function of a person's facts and a day (domain.md "Release dates", issue 5).</summary>
public static class ReleaseReadiness
{
    public static ReadinessSummary Evaluate(ReadinessInput input, LocalDate asOf)
    {
        var settings = input.Facility.Settings;
        var inmate = input.File.Inmate;
        var dates = ReleaseCalculator.Evaluate(ReleaseInput.From(input.File, settings), asOf);
        var expected = ExpectedRelease.Of(dates, inmate.ReleasedOn, asOf);
        var releaseDay = expected.Date ?? asOf;

        var skills = new SkillsView(input.Training.Programmes.Sum(p => p.Minutes), SkillRules.Jp(input.Training.Programmes.Sum(p => p.Minutes), settings.MinutesPerJp),
            settings.MinutesPerJp, input.Training.Programmes, input.Training.ByMonth);
        var certificates = input.Certificates.Select(c => CertificateRules.Standing(c, asOf, releaseDay)).ToList();
        var work = new WorkView(input.Work.Sum(w => w.DaysWorked), input.Work.Sum(w => w.UnitsProduced), input.Work.Sum(w => w.UnitsPassed), input.Work);
        var paidOut = input.Payout is { } p ? new PaidAtRelease(p.PaidOn, p.ReceiptNumber, p.Spendable, p.Savings, p.Total) : null;
        var premi = new PremiView(input.Premi.Spendable, input.Premi.Savings, input.Premi.Spendable + input.Premi.Savings, input.Premi.TotalEarned, paidOut);

        var checklist = new List<ChecklistItem>
        {
            CertificateItem(certificates, expected),
            TrainingItem(skills.Programmes),
            // Once paid out, the tabungan handed over is what the person took home, not the closed account's zero.
            SavingsItem(paidOut is null ? premi : premi with { Savings = paidOut.Savings }, new Rupiah(settings.TravelHomeAmount)),
            DisciplineItem(input.File.Discipline, asOf, settings.ChecklistDisciplineMonths),
        };

        var person = new PersonFacts(inmate.Id, inmate.RegistrationNumber, inmate.FullName, inmate.BirthDate, input.Facility.Code, input.Facility.Name,
            inmate.DetentionDate, inmate.Sentence, inmate.ReleasedOn);
        return new ReadinessSummary(person, asOf, expected, SentenceDates.Of(dates), dates.Rights, skills, certificates, work, premi, checklist, input.File.Discipline);
    }

    private static ChecklistItem CertificateItem(IReadOnlyList<CertificateStanding> certificates, ExpectedRelease expected)
    {
        var valid = certificates.Where(c => c.ValidAtRelease).Select(c => c.Certificate).ToList();
        var on = expected.Date is { } day ? Catalogue.Fill(ReleaseConditions.CertificateOn, Format.Date(day)) : ReleaseConditions.CertificateToday;
        if (valid.Count > 0)
        {
            return new(new ChecklistItemName.CompetentCertificateValidAtRelease(), true, Catalogue.Fill(ReleaseConditions.CertificatesValid, valid.Count, on, string.Join(", ", valid.Select(c => c.Title))));
        }
        var lapsing = certificates.Where(c => c.ValidToday).Select(c => c.Certificate).ToList();
        return new(new ChecklistItemName.CompetentCertificateValidAtRelease(), false, lapsing.Count > 0
            ? Catalogue.Fill(ReleaseConditions.CertificatesLapse, string.Join(", ", lapsing.Select(c => c.Title)), on)
            : Catalogue.Fill(ReleaseConditions.NoCertificateValid, on));
    }

    private static ChecklistItem TrainingItem(IReadOnlyList<ProgrammeProgress> programmes)
    {
        var reached = programmes.Where(p => p.RequirementMet == true).ToList();
        if (reached.Count > 0)
        {
            return new(new ChecklistItemName.RequiredTrainingReached(), true, Catalogue.Fill(ReleaseConditions.TrainingReached, string.Join(", ", reached.Select(p => p.ProgrammeName))));
        }
        var closest = programmes.Where(p => p.RequiredMinutes is > 0).OrderByDescending(p => p.ProgressPercent).FirstOrDefault();
        return new(new ChecklistItemName.RequiredTrainingReached(), false, closest is null
            ? ReleaseConditions.NoRequiredTraining
            : Catalogue.Fill(ReleaseConditions.TrainingProgress, closest.ProgrammeName, closest.Minutes, closest.RequiredMinutes, closest.ProgressPercent));
    }

    private static ChecklistItem SavingsItem(PremiView premi, Rupiah travelHome) =>
        new(new ChecklistItemName.SavingsForTravelHome(), premi.Savings >= travelHome,
            premi.Savings >= travelHome
                ? Catalogue.Fill(ReleaseConditions.SavingsEnough, Format.Rupiah(premi.Savings), Format.Rupiah(travelHome))
                : Catalogue.Fill(ReleaseConditions.SavingsShort, Format.Rupiah(premi.Savings), Format.Rupiah(travelHome)));

    private static ChecklistItem DisciplineItem(IReadOnlyList<DisciplineEntry> discipline, LocalDate asOf, int months)
    {
        // The same window as the release rights: an entry on day d counts on day t when t − N months < d ≤ t.
        var blocking = DisciplineWindow.LatestBlocking([.. discipline.Select(d => d.OccurredOn)], asOf, months);
        var name = new ChecklistItemName.NoDisciplineWithin(months);
        return blocking is { } entry
            ? new(name, false, Catalogue.Fill(ReleaseConditions.ChecklistDisciplineEntry, Format.Date(entry), Format.Date(DisciplineWindow.ClearsOn(entry, months))))
            : new(name, true, Catalogue.Fill(ReleaseConditions.ChecklistDisciplineClear, months, Format.Date(asOf)));
    }
}
