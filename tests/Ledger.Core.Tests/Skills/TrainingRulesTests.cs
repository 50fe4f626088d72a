using Ledger.Core.Inmates;
using Ledger.Core.Input;
using Ledger.Core.Sentences;
using Ledger.Core.Skills;
using NodaTime;

namespace Ledger.Core.Tests.Skills;

public sealed class TrainingRulesTests
{
    private static readonly LocalDate Today = new(2025, 11, 20);

    [Fact]
    public void Every_field_problem_is_reported_at_once()
    {
        var errors = new FieldErrors();
        TrainingRules.CheckFields(null, Today.PlusDays(1), 0, new string('x', 501), Today, 600, errors);
        var error = Assert.Throws<ValidationFailedException>(errors.ThrowIfAny);
        Assert.Equal(["date", "minutes", "note", "programmeCode"], error.Errors.Keys.Order());
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(600, null)]
    [InlineData(0, "must be more than 0")]
    [InlineData(601, "must be at most 600 (the most one person may train in a day)")]
    public void Minutes_are_positive_and_within_a_day(int minutes, string? problem) =>
        Assert.Equal(problem, TrainingRules.MinutesProblem(minutes, 600));

    [Fact]
    public void Training_goes_on_an_active_training_programme_of_the_facility()
    {
        var day = new LocalDate(2025, 10, 1);
        Assert.Null(TrainingRules.ProgrammeProblem(SkillRulesTests.Programme("sabut-kelapa", null), "sabut-kelapa", "lapas-cirebon", day));
        Assert.Contains("no programme", TrainingRules.ProgrammeProblem(null, "x", "lapas-cirebon", day));
        Assert.Contains("production programme", TrainingRules.ProgrammeProblem(SkillRulesTests.Programme("p", null, ProgrammeKind.Production), "p", "lapas-cirebon", day));
        Assert.Contains("starts on 2025-10-02", TrainingRules.ProgrammeProblem(SkillRulesTests.Programme("p", null, startsOn: day.PlusDays(1)), "p", "lapas-cirebon", day));
        Assert.Contains("retired on 2025-10-01", TrainingRules.ProgrammeProblem(SkillRulesTests.Programme("p", null, retiredOn: day), "p", "lapas-cirebon", day));
        Assert.Null(TrainingRules.ProgrammeProblem(SkillRulesTests.Programme("p", null, startsOn: day, retiredOn: day.PlusDays(1)), "p", "lapas-cirebon", day));
    }

    [Fact]
    public void A_person_must_be_held_in_the_facility_that_day()
    {
        var file = File(new LocalDate(2024, 3, 1), released: new LocalDate(2025, 10, 10),
            new Placement("lapas-gintung", new LocalDate(2024, 3, 1), new LocalDate(2025, 6, 1)),
            new Placement("lapas-cirebon", new LocalDate(2025, 6, 1), null));

        Assert.Empty(Problems(file, new LocalDate(2025, 6, 1)));
        Assert.Empty(Problems(file, new LocalDate(2025, 10, 10)));
        Assert.Equal([("date", "the person was not held in lapas-cirebon on 2025-05-31")], Problems(file, new LocalDate(2025, 5, 31)));
        Assert.Equal([("date", "is after the release (2025-10-10)")], Problems(file, new LocalDate(2025, 10, 11)));
        Assert.Equal([("date", "is before the detention date (2024-03-01)")], Problems(file, new LocalDate(2024, 2, 29)));
    }

    [Fact]
    public void The_daily_limit_counts_every_programme_and_one_programme_takes_one_entry_a_day()
    {
        var file = File(new LocalDate(2024, 3, 1), null, new Placement("lapas-cirebon", new LocalDate(2024, 3, 1), null));
        var day = new LocalDate(2025, 9, 8);

        Assert.Empty(TrainingRules.PersonProblems(file, "lapas-cirebon", "las", day, 360, new RecordedMinutes(240, 0), 600));
        Assert.Equal([("minutes", "601 minutes of training on 2025-09-08 (240 already recorded, 361 more here) exceed the 600 allowed in one day")],
            TrainingRules.PersonProblems(file, "lapas-cirebon", "las", day, 361, new RecordedMinutes(240, 0), 600));
        Assert.Equal([("date", "240 minutes of 'las' are already recorded on 2025-09-08; reverse that entry to correct it")],
            TrainingRules.PersonProblems(file, "lapas-cirebon", "las", day, 60, new RecordedMinutes(240, 240), 600));
    }

    [Fact]
    public void An_entry_is_reversed_once()
    {
        var entry = SkillRulesTests.Entry(ProgrammeId.New(), 60);
        TrainingRules.EnsureReversible(entry);
        Assert.Throws<RuleViolationException>(() => TrainingRules.EnsureReversible(entry with { Reversal = SkillRulesTests.Reversal(entry) }));
        Assert.Equal("salah orang", ReasonRule.Validate("  salah orang "));
        Assert.Throws<ValidationFailedException>(() => ReasonRule.Validate(" "));
    }

    private static List<(string, string)> Problems(InmateFile file, LocalDate day) =>
        TrainingRules.PersonProblems(file, "lapas-cirebon", "sabut-kelapa", day, 60, default, 600).ToList();

    private static InmateFile File(LocalDate detention, LocalDate? released, params Placement[] placements) =>
        new(new Inmate(InmateId.New(), placements[^1].FacilityCode, "CRB-1", "Asep", null, detention, new Sentence(3, 0, 0, SentenceKind.Fixed), released, default),
            placements, [], []);
}
