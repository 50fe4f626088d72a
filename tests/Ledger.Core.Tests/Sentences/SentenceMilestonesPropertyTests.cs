using FsCheck.Xunit;
using Ledger.Core.Sentences;
using NodaTime;

namespace Ledger.Core.Tests.Sentences;

/// <summary>
/// The kept release dates (<see cref="SentenceMilestones"/>) are the calculator's, whatever the day, and the worklist can
/// find its candidates from them: no event that puts a person on it comes before the earlier of the 2/3 date and the
/// adjusted expiry (<c>inmate_release_dates.listed_from</c>), whatever the day, the rules and register F.
/// </summary>
[Properties(Arbitrary = new[] { typeof(ReleaseScenarios) })]
public class SentenceMilestonesPropertyTests
{
    [Property(MaxTest = 300)]
    public void The_kept_dates_are_the_calculators(ReleaseScenario scenario)
    {
        var dates = ReleaseCalculator.Evaluate(scenario.Input, scenario.AsOf);

        var kept = SentenceMilestones.Of(scenario.Input.DetentionDate, scenario.Input.Sentence, scenario.Input.Remissions);

        Assert.True(new SentenceMilestones(dates.Expiry, dates.AdjustedExpiry, dates.HalfDate, dates.TwoThirdsDate) == kept, $"{kept}: {scenario}");
    }

    [Property(MaxTest = 500)]
    public void No_worklist_event_comes_before_the_day_a_person_can_be_listed_from(ReleaseScenario scenario)
    {
        var dates = ReleaseCalculator.Evaluate(scenario.Input, scenario.AsOf);
        var listedFrom = LocalDate.Min(dates.TwoThirdsDate!.Value, dates.AdjustedExpiry!.Value);

        foreach (var (name, right) in new[] { ("PB", dates.Rights.PembebasanBersyarat), ("CB", dates.Rights.CutiBersyarat), ("CMB", dates.Rights.CutiMenjelangBebas) })
        {
            Assert.True(right.Status == RightStatus.None || right.Date is null || right.Date >= listedFrom, $"{name} {right.Status} on {right.Date}, listed from {listedFrom}: {scenario}");
        }
        Assert.True(dates.AdjustedExpiry >= listedFrom);
    }
}
