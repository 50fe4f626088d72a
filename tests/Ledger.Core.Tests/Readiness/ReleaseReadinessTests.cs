using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using Ledger.Core.Readiness;
using Ledger.Core.Sentences;
using Ledger.Core.Skills;
using NodaTime;

namespace Ledger.Core.Tests.Readiness;

public sealed class ReleaseReadinessTests
{
    private static readonly Facility Cirebon = new("lapas-cirebon", "Lapas Kelas I Cirebon", "jawa-barat", "Asia/Jakarta", new FacilitySettings(), Instant.MinValue);

    // domain.md's worked example: detained 2024-03-01, 3 years, remisi 1 month (2025-03-31) and 2 months (2025-08-17).
    private static InmateFile File(params DisciplineEntry[] discipline)
    {
        var inmate = new Inmate(InmateId.New(), "lapas-cirebon", "CRB-0001", "Asep Contoh", null, new LocalDate(2024, 3, 1), new Sentence(3, 0, 0, SentenceKind.Fixed), null, Instant.MinValue);
        return new InmateFile(inmate, [new Placement("lapas-cirebon", new LocalDate(2024, 3, 1), null)],
            [Remisi(new LocalDate(2025, 3, 31), 1), Remisi(new LocalDate(2025, 8, 17), 2)], discipline);
    }

    private static Remission Remisi(LocalDate grantedOn, int months) => new(Guid.NewGuid(), RemissionKind.Umum, grantedOn, months, 0, "X", "t", Instant.MinValue);

    private static ReadinessInput Input(InmateFile file, IReadOnlyList<Certificate>? certificates = null, long savings = 0, params (string Code, int Minutes, int? Required)[] programmes) =>
        new(Cirebon, file, new TrainingSummary([.. programmes.Select(Progress)], []), certificates ?? [], [], new PremiBalance(Rupiah.Zero, new Rupiah(savings), new Rupiah(savings)));

    private static ProgrammeProgress Progress((string Code, int Minutes, int? Required) p)
    {
        var progress = SkillRules.ProgressOf(p.Minutes, p.Required);
        return new ProgrammeProgress(p.Code, p.Code, "lapas-cirebon", ProgrammeKind.Both, p.Minutes, SkillRules.Jp(p.Minutes, 45), 45, p.Required,
            progress.Percent, progress.RemainingMinutes, progress.Met, null, null);
    }

    private static Certificate Certificate(string title, bool competent, LocalDate issuedOn, LocalDate? validUntil, LocalDate? revokedOn = null) =>
        new(CertificateId.New(), InmateId.New(), "lapas-cirebon", null, title, null, "LSP P2", IssuerKind.LspBnsp, "N-" + title,
            competent ? CertificateResult.Competent : CertificateResult.NotYetCompetent, issuedOn, validUntil, "t", Instant.MinValue,
            revokedOn is { } on ? new CertificateRevocation(on, "x", "t", Instant.MinValue) : null);

    [Fact]
    public void The_expected_release_is_the_earliest_release_right_not_asimilasi()
    {
        var summary = ReleaseReadiness.Evaluate(Input(File()), new LocalDate(2025, 11, 20));

        Assert.Equal(new ExpectedRelease(new LocalDate(2025, 12, 31), ReleaseBasis.PembebasanBersyarat), summary.ExpectedRelease);
        Assert.Equal(RightStatus.Eligible, summary.Rights.Asimilasi.Status);
        Assert.Equal(RightStatus.Almost, summary.Rights.PembebasanBersyarat.Status);
    }

    [Fact]
    public void A_life_sentence_has_no_expected_release()
    {
        var file = File();
        file = file with { Inmate = file.Inmate with { Sentence = new Sentence(0, 0, 0, SentenceKind.Life) }, Remissions = [] };
        Assert.Equal(new ExpectedRelease(null, ReleaseBasis.NoExpiry), ReleaseReadiness.Evaluate(Input(file), new LocalDate(2025, 11, 20)).ExpectedRelease);
    }

    [Fact]
    public void A_certificate_that_lapses_before_release_is_a_gap()
    {
        var certificates = new[]
        {
            Certificate("Menjahit", true, new LocalDate(2023, 1, 10), new LocalDate(2025, 12, 30)),
            Certificate("Las", false, new LocalDate(2025, 6, 1), null),
        };

        var summary = ReleaseReadiness.Evaluate(Input(File(), certificates), new LocalDate(2025, 11, 20));

        Assert.True(summary.Certificates[0].ValidToday);
        Assert.False(summary.Certificates[0].ValidAtRelease);
        Assert.False(summary.Certificates[1].ValidToday);
        var item = summary.Checklist.Single(c => c.Item.ToString() == "competent-certificate-valid-at-release");
        Assert.False(item.Passed);
        Assert.Contains("Menjahit valid today but not on 2025-12-31", item.Detail);
    }

    [Fact]
    public void The_checklist_passes_when_every_item_is_met()
    {
        var summary = ReleaseReadiness.Evaluate(
            Input(File(), [Certificate("Sabut", true, new LocalDate(2025, 11, 10), new LocalDate(2028, 11, 9))], savings: 337_500,
                ("sabut-kelapa", 2_400, 2_400)),
            new LocalDate(2025, 11, 20));

        Assert.Empty(summary.Gaps);
        Assert.Equal(["competent-certificate-valid-at-release", "required-training-reached", "savings-for-travel-home", "no-discipline-6-months"], summary.Checklist.Select(c => c.Item.ToString()));
    }

    [Fact]
    public void Training_totals_JP_by_the_facility_and_the_closest_programme_explains_the_gap()
    {
        var summary = ReleaseReadiness.Evaluate(Input(File(), null, 0, ("sabut-kelapa", 1_800, 2_400), ("las", 100, null)), new LocalDate(2025, 11, 20));

        Assert.Equal(1_900, summary.Skills.TotalMinutes);
        Assert.Equal(42, summary.Skills.TotalJp);
        var training = summary.Checklist.Single(c => c.Item.ToString() == "required-training-reached");
        Assert.False(training.Passed);
        Assert.Equal("sabut-kelapa: 1800 of 2400 minutes (75%)", training.Detail);
    }

    [Fact]
    public void A_register_F_entry_in_the_last_six_months_is_a_gap_until_it_clears()
    {
        var entry = new DisciplineEntry(Guid.NewGuid(), new LocalDate(2025, 9, 1), "Berkelahi", "t", Instant.MinValue);
        var before = ReleaseReadiness.Evaluate(Input(File(entry)), new LocalDate(2026, 2, 28));
        var after = ReleaseReadiness.Evaluate(Input(File(entry)), new LocalDate(2026, 3, 1));

        Assert.Contains("no-discipline-6-months", before.Gaps.Select(g => g.ToString()));
        Assert.Equal("register-F entry on 2025-09-01; clear from 2026-03-01", before.Checklist.Single(c => c.Item.ToString() == "no-discipline-6-months").Detail);
        Assert.DoesNotContain("no-discipline-6-months", after.Gaps.Select(g => g.ToString()));
    }

    [Fact]
    public void Savings_below_the_travel_home_amount_is_a_gap()
    {
        var summary = ReleaseReadiness.Evaluate(Input(File(), savings: 299_999), new LocalDate(2025, 11, 20));
        Assert.Contains("savings-for-travel-home", summary.Gaps.Select(g => g.ToString()));
    }
}
