using FsCheck.Xunit;
using Ledger.Core.Sentences;
using NodaTime;

namespace Ledger.Core.Tests.Sentences;

/// <summary>
/// Properties over generated files (<see cref="ReleaseScenarios"/>). A failure is shrunk to a small file (fewer remisi
/// and entries, a shorter sentence, dates near the detention day) and reported with the seed that replays it.
/// </summary>
[Properties(Arbitrary = new[] { typeof(ReleaseScenarios) })]
public class ReleaseCalculatorPropertyTests
{
    private static ReleaseDates Evaluate(ReleaseScenario scenario) => ReleaseCalculator.Evaluate(scenario.Input, scenario.AsOf);

    private static LocalDate AdjustedExpiryKnownOn(ReleaseInput input, LocalDate day)
    {
        var known = input.Remissions.Where(r => r.GrantedOn <= day).ToList();
        var adjusted = input.DetentionDate.Plus(input.Sentence.Length).PlusMonths(-known.Sum(r => r.Months)).PlusDays(-known.Sum(r => r.Days));
        return adjusted < input.DetentionDate ? input.DetentionDate : adjusted;
    }

    /// <summary>domain.md's definition, checked day by day: the first t with detention + ceil(f × S_t) ≤ t.</summary>
    private static LocalDate FractionDateByScan(ReleaseInput input, int numerator, int denominator)
    {
        for (var day = input.DetentionDate; ; day = day.PlusDays(1))
        {
            var span = Period.DaysBetween(input.DetentionDate, AdjustedExpiryKnownOn(input, day));
            if (input.DetentionDate.PlusDays(((numerator * span) + denominator - 1) / denominator) <= day)
            {
                return day;
            }
        }
    }

    private static bool BlockedByScan(IEnumerable<LocalDate> entries, LocalDate day, int months) =>
        entries.Any(d => day.PlusMonths(-months) < d && d <= day);

    private static IEnumerable<RightAssessment> All(ReleaseRights rights) =>
        [rights.Asimilasi, rights.PembebasanBersyarat, rights.CutiBersyarat, rights.CutiMenjelangBebas];

    [Property(MaxTest = 300)]
    public void Fraction_dates_are_the_first_day_the_fraction_is_served_with_the_remisi_known_that_day(ReleaseScenario scenario)
    {
        var dates = Evaluate(scenario);

        Assert.True(FractionDateByScan(scenario.Input, 1, 2) == dates.HalfDate, $"half: {scenario}");
        Assert.True(FractionDateByScan(scenario.Input, 2, 3) == dates.TwoThirdsDate, $"two thirds: {scenario}");
    }

    [Property(MaxTest = 300)]
    public void Fraction_dates_never_precede_the_grant_day_of_a_remisi_that_changed_them(ReleaseScenario scenario)
    {
        var dates = Evaluate(scenario);

        foreach (var remisi in scenario.Input.Remissions)
        {
            var without = Evaluate(scenario with { Input = scenario.Input with { Remissions = [.. scenario.Input.Remissions.Where(r => !ReferenceEquals(r, remisi))] } });
            Assert.True(without.HalfDate == dates.HalfDate || dates.HalfDate >= remisi.GrantedOn, $"half, remisi of {remisi.GrantedOn}: {scenario}");
            Assert.True(without.TwoThirdsDate == dates.TwoThirdsDate || dates.TwoThirdsDate >= remisi.GrantedOn, $"two thirds, remisi of {remisi.GrantedOn}: {scenario}");
        }
    }

    [Property(MaxTest = 300)]
    public void Adding_a_remisi_never_moves_a_date_later_nor_one_already_reached_before_its_grant(ScenarioAndRemisi change)
    {
        var (scenario, added) = change;
        var before = Evaluate(scenario);
        var after = Evaluate(scenario with { Input = scenario.Input with { Remissions = [.. scenario.Input.Remissions, added] } });

        foreach (var (was, now) in new[] { (before.HalfDate!.Value, after.HalfDate!.Value), (before.TwoThirdsDate!.Value, after.TwoThirdsDate!.Value) })
        {
            Assert.True(now <= was, $"moved later from {was} to {now} by {added.GrantedOn}: {scenario}");
            Assert.True(now == was || now >= added.GrantedOn, $"moved before the grant {added.GrantedOn}, from {was} to {now}: {scenario}");
            Assert.True(was >= added.GrantedOn || now == was, $"reached on {was} before the grant {added.GrantedOn}, then moved to {now}: {scenario}");
        }
    }

    [Property(MaxTest = 300)]
    public void A_status_follows_from_its_conditions(ReleaseScenario scenario)
    {
        var dates = Evaluate(scenario);

        foreach (var right in All(dates.Rights))
        {
            var failed = right.Conditions.Where(c => !c.Passed).ToList();
            switch (right.Status)
            {
                case RightStatus.None:
                    Assert.Null(right.Date);
                    Assert.Contains(failed, c => c.PassesOn is null);
                    break;
                case RightStatus.Eligible:
                    Assert.Empty(failed);
                    Assert.True(right.Date <= scenario.AsOf, scenario.ToString());
                    break;
                default:
                    Assert.NotEmpty(failed);
                    Assert.All(failed, c => Assert.True(c.PassesOn > scenario.AsOf, $"{c.Name}: {scenario}"));
                    Assert.Equal(failed.Max(c => c.PassesOn), right.Date);
                    var days = Period.DaysBetween(scenario.AsOf, right.Date!.Value);
                    Assert.Equal(days <= scenario.Input.Rules.AlmostWithinDays ? RightStatus.Almost : RightStatus.NotYet, right.Status);
                    break;
            }
        }
    }

    [Property(MaxTest = 300)]
    public void Asimilasi_and_parole_hold_exactly_on_the_days_domain_md_says(ReleaseScenario scenario)
    {
        var input = scenario.Input;
        var asOf = scenario.AsOf;
        var dates = Evaluate(scenario);
        var sentenceRunning = asOf < AdjustedExpiryKnownOn(input, asOf);
        var span = Period.DaysBetween(input.DetentionDate, AdjustedExpiryKnownOn(input, dates.TwoThirdsDate!.Value));

        var asimilasi = dates.HalfDate <= asOf && !BlockedByScan(input.DisciplineDates, asOf, input.Rules.AsimilasiDisciplineMonths) && sentenceRunning;
        var parole = dates.TwoThirdsDate <= asOf && ((2 * span) + 2) / 3 >= 270
            && !BlockedByScan(input.DisciplineDates, asOf, input.Rules.ParoleDisciplineMonths) && sentenceRunning;

        Assert.True(asimilasi == (dates.Rights.Asimilasi.Status == RightStatus.Eligible), $"asimilasi: {scenario}");
        Assert.True(parole == (dates.Rights.PembebasanBersyarat.Status == RightStatus.Eligible), $"parole: {scenario}");
    }

    [Property(MaxTest = 300)]
    public void A_projected_discipline_date_is_the_first_day_no_entry_blocks(ReleaseScenario scenario)
    {
        var input = scenario.Input;
        var dates = Evaluate(scenario);
        var asimilasi = dates.Rights.Asimilasi;
        if (asimilasi.Status is RightStatus.Almost or RightStatus.NotYet)
        {
            var from = dates.HalfDate!.Value;
            var first = from > scenario.AsOf ? from : scenario.AsOf;
            while (BlockedByScan(input.DisciplineDates, first, input.Rules.AsimilasiDisciplineMonths))
            {
                first = first.PlusDays(1);
            }
            Assert.True(first == asimilasi.Date, $"{first} by scan, {asimilasi.Date} computed: {scenario}");
        }
    }

    [Property(MaxTest = 300)]
    public void Whether_a_right_holds_on_asOf_depends_only_on_what_was_on_file_that_day(ReleaseScenario scenario)
    {
        var known = scenario with
        {
            Input = scenario.Input with
            {
                Remissions = [.. scenario.Input.Remissions.Where(r => r.GrantedOn <= scenario.AsOf)],
                DisciplineDates = [.. scenario.Input.DisciplineDates.Where(d => d <= scenario.AsOf)],
            },
        };
        var all = All(Evaluate(scenario).Rights).ToList();
        var then = All(Evaluate(known).Rights).ToList();

        for (var i = 0; i < all.Count; i++)
        {
            Assert.True(all[i].Status == RightStatus.Eligible == (then[i].Status == RightStatus.Eligible), $"right {i}: {scenario}");
            if (all[i].Status == RightStatus.Eligible)
            {
                Assert.True(all[i].Date == then[i].Date, $"right {i}: {all[i].Date} vs {then[i].Date}: {scenario}");
            }
        }
    }

    [Property(MaxTest = 500)]
    public void First_clear_day_matches_a_day_by_day_scan(DisciplineCase discipline)
    {
        var (entries, months, from) = discipline;
        var scan = from;
        while (BlockedByScan(entries, scan, months))
        {
            scan = scan.PlusDays(1);
        }

        Assert.Equal(scan, DisciplineWindow.FirstClearDay(entries, from, months));
        foreach (var entry in entries)
        {
            // The days around entry + N months are where a clamped month end makes the two readings differ.
            for (var day = entry.PlusMonths(months).PlusDays(-2); day <= entry.PlusMonths(months).PlusDays(2); day = day.PlusDays(1))
            {
                Assert.Equal(BlockedByScan([entry], day, months), DisciplineWindow.Blocks(entry, day, months));
            }
            var clears = entry;
            while (BlockedByScan([entry], clears, months))
            {
                clears = clears.PlusDays(1);
            }
            Assert.Equal(clears, DisciplineWindow.ClearsOn(entry, months));
        }
    }
}
