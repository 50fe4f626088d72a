using Ledger.Core.Inmates;
using Ledger.Core.Skills;
using NodaTime;

namespace Ledger.Core.Tests.Skills;

public sealed class SkillRulesTests
{
    [Theory]
    [InlineData(0, 45, 0)]
    [InlineData(44, 45, 0)]
    [InlineData(45, 45, 1)]
    [InlineData(240, 45, 5)]
    [InlineData(240, 40, 6)]
    [InlineData(7200, 45, 160)]
    public void JP_are_whole_lesson_hours_rounded_down(int minutes, int minutesPerJp, int jp) =>
        Assert.Equal(jp, SkillRules.Jp(minutes, minutesPerJp));

    [Fact]
    public void JP_need_a_positive_lesson_length() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SkillRules.Jp(60, 0));

    [Theory]
    [InlineData(0, 2400, 0, 2400, false)]
    [InlineData(1200, 2400, 50, 1200, false)]
    [InlineData(2399, 2400, 99, 1, false)]
    [InlineData(2400, 2400, 100, 0, true)]
    [InlineData(3600, 2400, 100, 0, true)]
    public void Progress_is_recorded_over_required_capped_at_100_and_never_rounded_up(int minutes, int required, int percent, int remaining, bool met) =>
        Assert.Equal(new Progress(percent, remaining, met), SkillRules.ProgressOf(minutes, required));

    [Fact]
    public void A_programme_without_required_minutes_has_no_progress() =>
        Assert.Equal(new Progress(null, null, null), SkillRules.ProgressOf(600, null));

    [Fact]
    public void Live_minutes_subtract_each_reversed_entry_once()
    {
        var coir = ProgrammeId.New();
        var a = Entry(coir, 240);
        var b = Entry(coir, 180);
        var totals = SkillRules.LiveMinutes([a, b], [Reversal(b)]);
        Assert.Equal(240, totals[coir]);
    }

    [Fact]
    public void A_second_reversal_of_one_entry_or_a_reversal_of_an_unknown_entry_is_a_misuse()
    {
        var coir = ProgrammeId.New();
        var a = Entry(coir, 240);
        Assert.Throws<InvalidOperationException>(() => SkillRules.LiveMinutes([a], [Reversal(a), Reversal(a)]));
        Assert.Throws<InvalidOperationException>(() => SkillRules.LiveMinutes([a], [Reversal(Entry(coir, 10))]));
    }

    [Fact]
    public void A_summary_lists_each_programme_with_its_live_minutes_first_and_last_day()
    {
        var coir = Programme("sabut-kelapa", 2400);
        var weld = Programme("las", null);
        var entries = new[]
        {
            Entry(coir.Id, 240, new LocalDate(2025, 9, 8)),
            Entry(coir.Id, 240, new LocalDate(2025, 9, 9)),
            Entry(coir.Id, 240, new LocalDate(2025, 9, 10)) is var reversed ? reversed with { Reversal = Reversal(reversed) } : null!,
            Entry(weld.Id, 100, new LocalDate(2025, 10, 1)),
        };

        var summary = SkillRules.Summarize(entries, [coir, weld], _ => 40);

        var first = summary.Single(p => p.ProgrammeCode == "sabut-kelapa");
        Assert.Equal((480, 12, 20, 1920, false), (first.Minutes, first.Jp, first.ProgressPercent!.Value, first.RemainingMinutes!.Value, first.RequirementMet!.Value));
        Assert.Equal((new LocalDate(2025, 9, 8), new LocalDate(2025, 9, 9)), (first.FirstDay!.Value, first.LastDay!.Value));
        Assert.Null(summary.Single(p => p.ProgrammeCode == "las").ProgressPercent);
        Assert.Equal(["las", "sabut-kelapa"], summary.Select(p => p.ProgrammeCode));
    }

    internal static Programme Programme(string code, int? required, ProgrammeKind kind = ProgrammeKind.Both, LocalDate? startsOn = null, LocalDate? retiredOn = null) =>
        new(ProgrammeId.New(), "lapas-cirebon", code, code, kind, null, required, null, startsOn, retiredOn, "test", Instant.FromUtc(2025, 1, 1, 0, 0));

    internal static TrainingEntry Entry(ProgrammeId programme, int minutes, LocalDate? day = null) =>
        new(TrainingEntryId.New(), new InmateId(Guid.Empty), programme, "p", "lapas-cirebon", day ?? new LocalDate(2025, 9, 8), minutes, null, null, "test",
            Instant.FromUtc(2025, 9, 8, 8, 0), null);

    internal static TrainingReversal Reversal(TrainingEntry entry) =>
        new(Guid.NewGuid(), entry.Id, "salah", "test", Instant.FromUtc(2025, 9, 9, 8, 0));
}
