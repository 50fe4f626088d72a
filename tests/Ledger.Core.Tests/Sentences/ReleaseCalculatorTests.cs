using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Sentences;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Core.Tests.Sentences;

public class ReleaseCalculatorTests
{
    private static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    private static Sentence Fixed(int years, int months = 0, int days = 0) => new(years, months, days, SentenceKind.Fixed);

    private static Remission Remisi(string grantedOn, int months, int days = 0) =>
        new(Guid.NewGuid(), RemissionKind.Umum, D(grantedOn), months, days, "W11.PAS-PK.01.01.02", "test", Instant.FromUtc(2025, 1, 1, 0, 0));

    private static ReleaseInput Input(string detention, Sentence sentence, Remission[]? remisi = null, string[]? discipline = null, ReleaseRules? rules = null) =>
        new(D(detention), sentence, remisi ?? [], [.. (discipline ?? []).Select(D)], rules ?? ReleaseRules.Default);

    private static ReleaseDates Evaluate(ReleaseInput input, string asOf) => ReleaseCalculator.Evaluate(input, D(asOf));

    private static Condition Condition(RightAssessment right, string name) => right.Conditions.Single(c => c.Name.ToString() == name);

    /// <summary>domain.md's worked example: detained 2024-03-01, 3 years, remisi 1 month (2025-03-31) and 2 months (2025-08-17).</summary>
    private static ReleaseInput WorkedExample(params string[] discipline) =>
        Input("2024-03-01", Fixed(3), [Remisi("2025-03-31", 1), Remisi("2025-08-17", 2)], discipline);

    [Fact]
    public void Public_case_detained_2017_05_09_for_2_years_with_15_days_remisi_ends_on_2019_04_24()
    {
        var dates = Evaluate(Input("2017-05-09", Fixed(2), [Remisi("2018-08-17", 0, 15)]), "2018-09-01");

        Assert.Equal(D("2019-05-09"), dates.Expiry);
        Assert.Equal(D("2019-04-24"), dates.AdjustedExpiry);
        Assert.Equal(0, dates.RemissionMonths);
        Assert.Equal(15, dates.RemissionDays);
    }

    [Fact]
    public void Worked_example_expiry_adjusted_expiry_and_span()
    {
        var dates = Evaluate(WorkedExample(), "2025-09-01");

        Assert.Equal(D("2027-03-01"), dates.Expiry);
        Assert.Equal(D("2026-12-01"), dates.AdjustedExpiry);
        Assert.Equal(1005, dates.SentenceSpanDays);
        Assert.Equal(3, dates.RemissionMonths);
    }

    [Fact]
    public void Worked_example_asimilasi_from_2025_08_17_because_the_second_remisi_was_granted_that_day()
    {
        var dates = Evaluate(WorkedExample(), "2025-09-01");

        Assert.Equal(D("2025-08-17"), dates.HalfDate);
        var asimilasi = dates.Rights.Asimilasi;
        Assert.Equal(RightStatus.Eligible, asimilasi.Status);
        Assert.Equal(D("2025-08-17"), asimilasi.Date);
        var half = Condition(asimilasi, "half-served");
        Assert.True(half.Passed);
        Assert.Equal(
            "1/2 of the sentence (503 of 1005 days) served on 2025-08-17: the remisi granted that day brings it to 2025-07-17, " +
            "but a remisi counts only from its grant day",
            half.Detail);
    }

    [Fact]
    public void Worked_example_with_the_first_remisi_alone_S_is_1067_and_half_falls_on_2025_08_17_too()
    {
        var dates = Evaluate(Input("2024-03-01", Fixed(3), [Remisi("2025-03-31", 1)]), "2025-09-01");

        Assert.Equal(1067, dates.SentenceSpanDays);
        Assert.Equal(D("2025-08-17"), dates.HalfDate);
        Assert.Equal("1/2 of the sentence (534 of 1067 days) served on 2025-08-17", Condition(dates.Rights.Asimilasi, "half-served").Detail);
    }

    [Fact]
    public void Worked_example_parole_on_2025_12_31_with_two_thirds_of_S_670_days()
    {
        var dates = Evaluate(WorkedExample(), "2025-12-31");

        Assert.Equal(D("2025-12-31"), dates.TwoThirdsDate);
        var parole = dates.Rights.PembebasanBersyarat;
        Assert.Equal(RightStatus.Eligible, parole.Status);
        Assert.Equal(D("2025-12-31"), parole.Date);
        var span = Condition(parole, "two-thirds-at-least-270-days");
        Assert.True(span.Passed);
        Assert.Equal("2/3 of the sentence span is 670 days (S = 1005 days), at least 270", span.Detail);
        Assert.Equal("2/3 of the sentence (670 of 1005 days) served on 2025-12-31", Condition(parole, "two-thirds-served").Detail);
    }

    [Fact]
    public void Worked_example_register_F_entry_on_2025_06_01_moves_parole_to_2026_03_01_and_asimilasi_to_2025_12_01()
    {
        var dates = Evaluate(WorkedExample("2025-06-01"), "2025-09-01");

        Assert.Equal(RightStatus.NotYet, dates.Rights.Asimilasi.Status);
        Assert.Equal(D("2025-12-01"), dates.Rights.Asimilasi.Date);
        Assert.Equal(RightStatus.NotYet, dates.Rights.PembebasanBersyarat.Status);
        Assert.Equal(D("2026-03-01"), dates.Rights.PembebasanBersyarat.Date);
        var discipline = Condition(dates.Rights.Asimilasi, "no-discipline-6-months");
        Assert.False(discipline.Passed);
        Assert.Equal(D("2025-12-01"), discipline.PassesOn);
        Assert.Equal("Register-F entry of 2025-06-01 falls within the 6 months before 2025-09-01; clear from 2025-12-01", discipline.Detail);
        var paroleDiscipline = Condition(dates.Rights.PembebasanBersyarat, "no-discipline-9-months");
        Assert.Equal(D("2026-03-01"), paroleDiscipline.PassesOn);
        Assert.Equal(
            "Register-F entry of 2025-06-01 falls within the 9 months before 2025-12-31 (when 2/3 is served); clear from 2026-03-01",
            paroleDiscipline.Detail);
    }

    [Theory]
    [InlineData("2026-02-28", RightStatus.Almost, "2026-03-01")]
    [InlineData("2026-03-01", RightStatus.Eligible, "2026-03-01")]
    [InlineData("2026-06-01", RightStatus.Eligible, "2026-03-01")]
    public void Parole_moved_by_discipline_is_eligible_from_the_day_the_window_clears(string asOf, RightStatus status, string date)
    {
        var parole = Evaluate(WorkedExample("2025-06-01"), asOf).Rights.PembebasanBersyarat;

        Assert.Equal(status, parole.Status);
        Assert.Equal(D(date), parole.Date);
    }

    [Fact]
    public void Eligible_asimilasi_after_a_discipline_entry_dates_from_the_day_the_window_cleared()
    {
        var asimilasi = Evaluate(WorkedExample("2025-06-01"), "2026-01-10").Rights.Asimilasi;

        Assert.Equal(RightStatus.Eligible, asimilasi.Status);
        Assert.Equal(D("2025-12-01"), asimilasi.Date);
    }

    [Fact]
    public void Remisi_granted_after_the_half_date_with_it_moves_asimilasi_to_the_grant_day()
    {
        var before = Evaluate(Input("2024-03-01", Fixed(3)), "2025-01-01");
        var after = Evaluate(Input("2024-03-01", Fixed(3), [Remisi("2025-08-20", 3)]), "2025-01-01");

        Assert.Equal(D("2025-08-31"), before.HalfDate);
        Assert.Equal(D("2025-08-20"), after.HalfDate);
        Assert.Equal(D("2025-08-20"), after.Rights.Asimilasi.Date);
    }

    [Fact]
    public void Remisi_granted_after_a_fraction_is_served_does_not_move_it_but_moves_a_later_one()
    {
        var without = Evaluate(Input("2024-03-01", Fixed(3)), "2025-10-01");
        var with = Evaluate(Input("2024-03-01", Fixed(3), [Remisi("2025-09-15", 1)]), "2025-10-01");

        Assert.Equal(D("2025-08-31"), without.HalfDate);
        Assert.Equal(D("2025-08-31"), with.HalfDate);
        Assert.Equal(D("2026-03-01"), without.TwoThirdsDate);
        Assert.Equal(D("2026-02-11"), with.TwoThirdsDate);
    }

    [Fact]
    public void Several_remisi_granted_on_the_same_day_count_together()
    {
        var together = Evaluate(Input("2024-03-01", Fixed(3), [Remisi("2025-03-31", 1), Remisi("2025-08-17", 1), Remisi("2025-08-17", 1)]), "2025-09-01");
        var one = Evaluate(WorkedExample(), "2025-09-01");

        Assert.Equal(one.AdjustedExpiry, together.AdjustedExpiry);
        Assert.Equal(one.HalfDate, together.HalfDate);
        Assert.Equal(one.TwoThirdsDate, together.TwoThirdsDate);
    }

    [Fact]
    public void Remisi_subtracts_all_months_before_all_days()
    {
        // 2025-03-31 − 1 month = 2025-02-28, − 1 day = 2025-02-27; days first would give 2025-03-30 − 1 month = 2025-02-28.
        var dates = Evaluate(Input("2024-03-31", Fixed(1), [Remisi("2024-08-17", 0, 1), Remisi("2024-12-25", 1)]), "2025-01-01");

        Assert.Equal(D("2025-03-31"), dates.Expiry);
        Assert.Equal(D("2025-02-27"), dates.AdjustedExpiry);
    }

    [Fact]
    public void Sentence_too_short_for_parole_has_no_parole_and_no_cmb()
    {
        var dates = Evaluate(Input("2024-03-01", Fixed(1), [Remisi("2024-08-17", 1)]), "2024-12-01");

        Assert.Equal(RightStatus.None, dates.Rights.PembebasanBersyarat.Status);
        Assert.Null(dates.Rights.PembebasanBersyarat.Date);
        var span = Condition(dates.Rights.PembebasanBersyarat, "two-thirds-at-least-270-days");
        Assert.False(span.Passed);
        Assert.Null(span.PassesOn);
        Assert.Equal("2/3 of the sentence span is 225 days (S = 337 days), less than the 270 days it must be", span.Detail);
        Assert.Equal(RightStatus.None, dates.Rights.CutiMenjelangBebas.Status);
        Assert.Null(dates.ProbationEndsOn);
        Assert.Equal(RightStatus.Eligible, dates.Rights.Asimilasi.Status);
    }

    [Theory]
    [InlineData(404, RightStatus.NotYet)]
    [InlineData(403, RightStatus.None)]
    public void Parole_needs_two_thirds_of_S_rounded_up_to_reach_270_days(int sentenceDays, RightStatus status)
    {
        var dates = Evaluate(Input("2024-03-01", Fixed(0, 0, sentenceDays)), "2024-03-02");

        Assert.Equal(sentenceDays, dates.SentenceSpanDays);
        Assert.Equal(status, dates.Rights.PembebasanBersyarat.Status);
    }

    [Fact]
    public void Discipline_inside_the_window_suspends_an_asimilasi_already_reached()
    {
        var before = Evaluate(WorkedExample("2025-10-01"), "2025-09-30").Rights.Asimilasi;
        var after = Evaluate(WorkedExample("2025-10-01"), "2025-11-01").Rights.Asimilasi;

        Assert.Equal(RightStatus.Eligible, before.Status);
        Assert.Equal(D("2025-08-17"), before.Date);
        Assert.Equal(RightStatus.NotYet, after.Status);
        Assert.Equal(D("2026-04-01"), after.Date);
        Assert.True(Condition(after, "half-served").Passed);
        Assert.False(Condition(after, "no-discipline-6-months").Passed);
    }

    [Theory]
    [InlineData("2025-02-17", "2025-08-17")]
    [InlineData("2025-02-18", "2025-08-18")]
    [InlineData("2024-12-01", "2025-08-17")]
    public void An_entry_blocks_only_while_it_is_within_the_window(string entry, string asimilasi)
    {
        var right = Evaluate(WorkedExample(entry), "2025-03-01").Rights.Asimilasi;

        Assert.Equal(D(asimilasi), right.Date);
    }

    [Fact]
    public void A_later_entry_can_block_again_the_day_an_earlier_one_clears()
    {
        var asimilasi = Evaluate(WorkedExample("2025-06-01", "2025-11-15"), "2025-08-20").Rights.Asimilasi;

        Assert.Equal(D("2026-05-15"), asimilasi.Date);
        Assert.Equal(D("2026-05-15"), Condition(asimilasi, "no-discipline-6-months").PassesOn);
    }

    [Fact]
    public void Discipline_windows_come_from_the_facility_settings()
    {
        var rules = ReleaseRules.From(new FacilitySettings { AsimilasiDisciplineMonths = 3, ParoleDisciplineMonths = 12 });
        var dates = Evaluate(Input("2024-03-01", Fixed(3), [Remisi("2025-03-31", 1), Remisi("2025-08-17", 2)], ["2025-06-01"], rules), "2025-09-01");

        Assert.Equal(D("2025-09-01"), dates.Rights.Asimilasi.Date);
        Assert.Equal(RightStatus.Eligible, dates.Rights.Asimilasi.Status);
        Assert.Equal(D("2026-06-01"), dates.Rights.PembebasanBersyarat.Date);
        Assert.Contains(dates.Rights.PembebasanBersyarat.Conditions, c => c.Name.ToString() == "no-discipline-12-months");
    }

    [Theory]
    [InlineData(SentenceKind.Life, "A life sentence has no expiry and no release rights")]
    [InlineData(SentenceKind.Death, "A death sentence has no expiry and no release rights")]
    public void Life_and_death_sentences_have_no_dates_and_no_rights(SentenceKind kind, string detail)
    {
        var dates = Evaluate(Input("2010-01-01", new Sentence(0, 0, 0, kind)), "2025-01-01");

        Assert.Equal(kind, dates.Kind);
        Assert.Null(dates.Expiry);
        Assert.Null(dates.AdjustedExpiry);
        Assert.Null(dates.SentenceSpanDays);
        Assert.Null(dates.HalfDate);
        Assert.Null(dates.TwoThirdsDate);
        Assert.Null(dates.ProbationEndsOn);
        foreach (var right in new[] { dates.Rights.Asimilasi, dates.Rights.PembebasanBersyarat, dates.Rights.CutiBersyarat, dates.Rights.CutiMenjelangBebas })
        {
            Assert.Equal(RightStatus.None, right.Status);
            Assert.Null(right.Date);
            var condition = Assert.Single(right.Conditions);
            Assert.Equal(new Condition(ConditionName.Parse("fixed-sentence"), false, null, detail), condition);
        }
    }

    [Fact]
    public void Six_months_from_31_August_ends_on_28_February()
    {
        var dates = Evaluate(Input("2024-08-31", Fixed(0, 6)), "2024-09-01");

        Assert.Equal(D("2025-02-28"), dates.Expiry);
        Assert.Equal(181, dates.SentenceSpanDays);
        Assert.Equal(D("2024-11-30"), dates.HalfDate);
        Assert.Equal(D("2024-12-30"), dates.TwoThirdsDate);
    }

    [Fact]
    public void A_month_of_remisi_from_an_expiry_on_31_March_lands_on_the_last_day_of_February()
    {
        var dates = Evaluate(Input("2023-03-31", Fixed(2), [Remisi("2024-08-17", 1)]), "2024-09-01");

        Assert.Equal(D("2025-03-31"), dates.Expiry);
        Assert.Equal(D("2025-02-28"), dates.AdjustedExpiry);
    }

    [Fact]
    public void An_entry_on_31_August_blocks_through_28_February_because_28_February_less_6_months_is_28_August()
    {
        // 31 Aug + 6 months = 28 Feb (NodaTime clamps), but domain.md's window is checked backwards from the day:
        // 28 Feb − 6 months = 28 Aug, which is before the entry, so 28 Feb is still blocked and 1 March is the first clear day.
        var asimilasi = Evaluate(Input("2024-03-01", Fixed(3), discipline: ["2025-08-31"]), "2026-02-28").Rights.Asimilasi;

        Assert.Equal(D("2026-02-28"), D("2025-08-31").PlusMonths(6));
        Assert.Equal(RightStatus.Almost, asimilasi.Status);
        Assert.Equal(D("2026-03-01"), asimilasi.Date);
    }

    [Fact]
    public void Detained_on_29_February_one_year_ends_on_28_February_and_four_years_on_29_February()
    {
        var one = Evaluate(Input("2024-02-29", Fixed(1)), "2024-03-01");
        var four = Evaluate(Input("2024-02-29", Fixed(4), [Remisi("2025-08-17", 12)]), "2024-03-01");

        Assert.Equal(D("2025-02-28"), one.Expiry);
        Assert.Equal(365, one.SentenceSpanDays);
        Assert.Equal(D("2024-08-30"), one.HalfDate);
        Assert.Equal(D("2024-10-30"), one.TwoThirdsDate);
        Assert.Equal(D("2028-02-29"), four.Expiry);
        Assert.Equal(D("2027-02-28"), four.AdjustedExpiry);
    }

    [Theory]
    [InlineData("2025-01-01", RightStatus.NotYet, RightStatus.NotYet, RightStatus.NotYet)]
    [InlineData("2025-06-01", RightStatus.Almost, RightStatus.NotYet, RightStatus.NotYet)]
    [InlineData("2025-08-16", RightStatus.Almost, RightStatus.NotYet, RightStatus.NotYet)]
    [InlineData("2025-08-17", RightStatus.Eligible, RightStatus.NotYet, RightStatus.NotYet)]
    [InlineData("2025-10-15", RightStatus.Eligible, RightStatus.Almost, RightStatus.NotYet)]
    [InlineData("2025-12-31", RightStatus.Eligible, RightStatus.Eligible, RightStatus.NotYet)]
    [InlineData("2026-07-03", RightStatus.Eligible, RightStatus.Eligible, RightStatus.Almost)]
    [InlineData("2026-10-01", RightStatus.Eligible, RightStatus.Eligible, RightStatus.Eligible)]
    [InlineData("2026-11-30", RightStatus.Eligible, RightStatus.Eligible, RightStatus.Eligible)]
    [InlineData("2026-12-01", RightStatus.None, RightStatus.None, RightStatus.None)]
    [InlineData("2030-01-01", RightStatus.None, RightStatus.None, RightStatus.None)]
    public void Statuses_change_with_asOf_while_the_dates_stay(string asOf, RightStatus asimilasi, RightStatus parole, RightStatus cmb)
    {
        var dates = Evaluate(WorkedExample(), asOf);

        Assert.Equal(asimilasi, dates.Rights.Asimilasi.Status);
        Assert.Equal(parole, dates.Rights.PembebasanBersyarat.Status);
        Assert.Equal(cmb, dates.Rights.CutiMenjelangBebas.Status);
        Assert.Equal(RightStatus.None, dates.Rights.CutiBersyarat.Status);
        Assert.Equal(D("2025-08-17"), dates.HalfDate);
        Assert.Equal(D("2025-12-31"), dates.TwoThirdsDate);
        Assert.Equal(D("2026-12-01"), dates.AdjustedExpiry);
    }

    [Fact]
    public void After_the_adjusted_expiry_every_right_is_moot()
    {
        var parole = Evaluate(WorkedExample(), "2026-12-01").Rights.PembebasanBersyarat;

        var moot = Condition(parole, "before-adjusted-expiry");
        Assert.False(moot.Passed);
        Assert.Null(moot.PassesOn);
        Assert.Equal("The sentence ended on 2026-12-01 (adjusted expiry); the right no longer applies", moot.Detail);
        Assert.True(Condition(parole, "two-thirds-served").Passed);
    }

    [Fact]
    public void A_right_that_would_start_only_at_the_adjusted_expiry_or_later_is_none()
    {
        var asimilasi = Evaluate(Input("2024-03-01", Fixed(1), discipline: ["2024-10-01"]), "2024-11-01").Rights.Asimilasi;

        Assert.Equal(RightStatus.None, asimilasi.Status);
        Assert.Equal("Would start on 2025-04-01, not before the adjusted expiry 2025-03-01", Condition(asimilasi, "before-adjusted-expiry").Detail);
    }

    [Fact]
    public void Remisi_longer_than_the_sentence_ends_it_on_the_detention_day()
    {
        var dates = Evaluate(Input("2024-03-01", Fixed(0, 6), [Remisi("2024-03-01", 7)]), "2024-03-01");

        Assert.Equal(D("2024-03-01"), dates.AdjustedExpiry);
        Assert.Equal(0, dates.SentenceSpanDays);
        Assert.Equal(RightStatus.None, dates.Rights.Asimilasi.Status);
    }

    [Theory]
    [InlineData("2025-05-18", RightStatus.NotYet)]
    [InlineData("2025-05-19", RightStatus.Almost)]
    [InlineData("2025-08-16", RightStatus.Almost)]
    public void Almost_means_at_most_90_days_ahead(string asOf, RightStatus status)
    {
        var asimilasi = Evaluate(WorkedExample(), asOf).Rights.Asimilasi;

        Assert.Equal(status, asimilasi.Status);
        Assert.Equal(D("2025-08-17"), asimilasi.Date);
    }

    [Fact]
    public void The_almost_window_is_a_facility_setting()
    {
        var rules = ReleaseRules.From(new FacilitySettings { AlmostWithinDays = 30 });
        var input = WorkedExample() with { Rules = rules };

        Assert.Equal(RightStatus.NotYet, ReleaseCalculator.Evaluate(input, D("2025-07-17")).Rights.Asimilasi.Status);
        Assert.Equal(RightStatus.Almost, ReleaseCalculator.Evaluate(input, D("2025-07-18")).Rights.Asimilasi.Status);
    }

    [Fact]
    public void A_right_not_yet_reached_says_when_each_condition_passes()
    {
        var parole = Evaluate(WorkedExample("2025-06-01"), "2025-07-01").Rights.PembebasanBersyarat;

        Assert.Equal(RightStatus.NotYet, parole.Status);
        var twoThirds = Condition(parole, "two-thirds-served");
        Assert.False(twoThirds.Passed);
        Assert.Equal(D("2025-12-31"), twoThirds.PassesOn);
        Assert.Equal("2/3 of the sentence (670 of 1005 days) will be served on 2025-12-31", twoThirds.Detail);
        Assert.Equal(D("2026-03-01"), Condition(parole, "no-discipline-9-months").PassesOn);
        Assert.Equal(parole.Date, parole.Conditions.Where(c => !c.Passed).Max(c => c.PassesOn));
        Assert.Equal("Starts on 2026-03-01, before the adjusted expiry 2026-12-01", Condition(parole, "before-adjusted-expiry").Detail);
    }

    [Fact]
    public void Probation_after_parole_ends_one_year_after_the_adjusted_expiry()
    {
        var dates = Evaluate(WorkedExample(), "2026-01-01");

        Assert.Equal(D("2027-12-01"), dates.ProbationEndsOn);
    }

    [Fact]
    public void Cuti_bersyarat_for_a_one_year_sentence_from_the_two_thirds_date()
    {
        var dates = Evaluate(Input("2024-03-01", Fixed(1)), "2024-11-01");

        var cb = dates.Rights.CutiBersyarat;
        Assert.Equal(RightStatus.Eligible, cb.Status);
        Assert.Equal(D("2024-10-31"), cb.Date);
        Assert.True(Condition(cb, "sentence-at-most-18-months").Passed);
        var period = Condition(cb, "within-6-months-of-adjusted-expiry");
        Assert.True(period.Passed);
        Assert.Equal("Cuti bersyarat covers the last 6 months before the adjusted expiry 2025-03-01, from 2024-09-01", period.Detail);
    }

    [Theory]
    [InlineData(1, 6, 0, RightStatus.NotYet)]
    [InlineData(1, 6, 1, RightStatus.None)]
    [InlineData(2, 0, 0, RightStatus.None)]
    public void Cuti_bersyarat_only_for_sentences_of_at_most_18_months(int years, int months, int days, RightStatus status)
    {
        var cb = Evaluate(Input("2024-03-01", Fixed(years, months, days)), "2024-03-02").Rights.CutiBersyarat;

        Assert.Equal(status, cb.Status);
        Assert.Equal(status != RightStatus.None, Condition(cb, "sentence-at-most-18-months").Passed);
    }

    [Fact]
    public void Cuti_bersyarat_limit_and_length_come_from_the_facility_settings()
    {
        var rules = ReleaseRules.From(new FacilitySettings { CutiBersyaratMaxSentenceMonths = 15, CutiBersyaratMonths = 4 });

        var oneYear = Evaluate(Input("2024-03-01", Fixed(1), rules: rules), "2024-03-02").Rights.CutiBersyarat;
        var longer = Evaluate(Input("2024-03-01", Fixed(1, 6), rules: rules), "2024-03-02").Rights.CutiBersyarat;

        Assert.Equal(D("2024-11-01"), oneYear.Date);
        Assert.Contains(oneYear.Conditions, c => c.Name.ToString() == "within-4-months-of-adjusted-expiry" && c.PassesOn == D("2024-11-01"));
        Assert.Equal(RightStatus.None, longer.Status);
        Assert.Equal("The sentence of 1 year 6 months is longer than the 15 months cuti bersyarat allows",
            Condition(longer, "sentence-at-most-15-months").Detail);
    }

    [Fact]
    public void Cuti_bersyarat_never_starts_before_the_grant_of_the_remisi_that_brought_it_forward()
    {
        var rules = ReleaseRules.From(new FacilitySettings { CutiBersyaratMonths = 4 });
        var cb = Evaluate(Input("2024-03-01", Fixed(1), [Remisi("2024-10-15", 2)], rules: rules), "2024-10-01").Rights.CutiBersyarat;

        Assert.Equal(D("2024-10-15"), cb.Date);
        Assert.Equal(RightStatus.Almost, cb.Status);
        Assert.Equal(
            "Cuti bersyarat covers the last 4 months before the adjusted expiry 2025-01-01, from 2024-10-15, " +
            "the grant day of the remisi that brings it to 2024-09-01",
            Condition(cb, "within-4-months-of-adjusted-expiry").Detail);
    }

    [Fact]
    public void Cmb_starts_before_the_adjusted_expiry_by_the_last_remisi()
    {
        var cmb = Evaluate(WorkedExample(), "2026-01-01").Rights.CutiMenjelangBebas;

        Assert.Equal(RightStatus.NotYet, cmb.Status);
        Assert.Equal(D("2026-10-01"), cmb.Date);
        Assert.Equal("The last remisi, granted 2025-08-17, is 2 months", Condition(cmb, "has-remisi").Detail);
        Assert.Equal(
            "Cuti menjelang bebas covers the last 2 months (the last remisi) before the adjusted expiry 2026-12-01, from 2026-10-01",
            Condition(cmb, "within-last-remisi-of-adjusted-expiry").Detail);
    }

    [Fact]
    public void Cmb_is_at_most_6_months()
    {
        var cmb = Evaluate(Input("2020-01-01", Fixed(5), [Remisi("2022-08-17", 8)]), "2023-01-01").Rights.CutiMenjelangBebas;

        Assert.Equal(D("2023-11-01"), cmb.Date);
        Assert.Equal(
            "Cuti menjelang bebas covers the last remisi of 8 months, capped at 6 months, before the adjusted expiry 2024-05-01, from 2023-11-01",
            Condition(cmb, "within-last-remisi-of-adjusted-expiry").Detail);
    }

    [Fact]
    public void Cmb_takes_the_longest_of_the_remisi_granted_on_the_last_grant_day()
    {
        var cmb = Evaluate(Input("2024-03-01", Fixed(3), [Remisi("2025-03-31", 3), Remisi("2025-08-17", 0, 15), Remisi("2025-08-17", 1)]), "2026-01-01")
            .Rights.CutiMenjelangBebas;

        // Adjusted expiry 2027-03-01 − 4 months − 15 days = 2026-10-17; the last remisi is the month, not the 15 days.
        Assert.Equal(D("2026-09-17"), cmb.Date);
        Assert.Equal("The last remisi, granted 2025-08-17, is 1 month", Condition(cmb, "has-remisi").Detail);
    }

    [Fact]
    public void Cmb_without_remisi_has_no_start()
    {
        var cmb = Evaluate(Input("2024-03-01", Fixed(3)), "2026-06-01").Rights.CutiMenjelangBebas;

        Assert.Equal(RightStatus.None, cmb.Status);
        Assert.Null(cmb.Date);
        var remisi = Condition(cmb, "has-remisi");
        Assert.False(remisi.Passed);
        Assert.Null(remisi.PassesOn);
    }

    [Fact]
    public void Cmb_is_not_before_the_two_thirds_date()
    {
        // A 2-year sentence with a 6-month remisi: 6 months before the adjusted expiry (2025-03-01) is a day before 2/3 is served.
        var dates = Evaluate(Input("2024-03-01", Fixed(2), [Remisi("2024-12-25", 6)]), "2025-01-01");

        Assert.Equal(D("2025-09-01"), dates.AdjustedExpiry);
        Assert.Equal(D("2025-03-02"), dates.TwoThirdsDate);
        Assert.Equal(D("2025-03-02"), dates.Rights.CutiMenjelangBebas.Date);
    }

    [Fact]
    public void Rules_come_from_facility_settings_with_domain_defaults()
    {
        Assert.Equal(ReleaseRules.Default, ReleaseRules.From(new FacilitySettings()));
        Assert.Equal(
            new ReleaseRules
            {
                AlmostWithinDays = 90,
                CutiBersyaratMaxSentenceMonths = 18,
                CutiBersyaratMonths = 6,
                ParoleMinimumDays = 270,
                AsimilasiDisciplineMonths = 6,
                ParoleDisciplineMonths = 9,
                CmbMaxMonths = 6,
            },
            ReleaseRules.Default);
    }

    [Fact]
    public void Input_is_taken_from_a_persons_file()
    {
        var inmate = new Inmate(InmateId.New(), "CRB", "B.I 123/2024", "Budi", null, D("2024-03-01"), Fixed(3), null, Instant.FromUtc(2024, 3, 1, 0, 0));
        var entry = new DisciplineEntry(Guid.NewGuid(), D("2025-06-01"), "fight", "officer", Instant.FromUtc(2025, 6, 1, 0, 0));
        var file = new InmateFile(inmate, [new Placement("CRB", D("2024-03-01"), null)], [Remisi("2025-03-31", 1), Remisi("2025-08-17", 2)], [entry]);

        var input = ReleaseInput.From(file, new FacilitySettings());

        Assert.Equal(D("2024-03-01"), input.DetentionDate);
        Assert.Equal(new[] { D("2025-06-01") }, input.DisciplineDates);
        Assert.Equal(D("2026-03-01"), ReleaseCalculator.Evaluate(input, D("2025-09-01")).Rights.PembebasanBersyarat.Date);
    }

    [Fact]
    public void Negative_remisi_is_misuse()
    {
        Assert.Throws<ArgumentException>(() => Evaluate(Input("2024-03-01", Fixed(3), [Remisi("2025-03-31", -1)]), "2025-01-01"));
    }
}
