using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Ledger.Core.Sentences;
using NodaTime;
using static Ledger.Core.Tests.Sentences.ReleaseScenarios;

namespace Ledger.Core.Tests.Sentences;

/// <summary>A person's file and the day it is read on, as the release calculator's properties see it.</summary>
public sealed record ReleaseScenario(ReleaseInput Input, LocalDate AsOf)
{
    public override string ToString() =>
        $"detained {Day(Input.DetentionDate)}, {Input.Sentence.Years}y {Input.Sentence.Months}m {Input.Sentence.Days}d, " +
        $"remisi [{string.Join(", ", Input.Remissions.Select(ReleaseScenarios.Describe))}], " +
        $"entries [{string.Join(", ", Input.DisciplineDates.Select(Day))}], " +
        $"discipline months {Input.Rules.AsimilasiDisciplineMonths} (asimilasi) {Input.Rules.ParoleDisciplineMonths} (parole), asOf {Day(AsOf)}";
}

/// <summary>A scenario and one more remisi to grant in it.</summary>
public sealed record ScenarioAndRemisi(ReleaseScenario Scenario, Remission Added)
{
    public override string ToString() => $"{Scenario}; added {ReleaseScenarios.Describe(Added)}";
}

/// <summary>Register-F entries, the discipline window in months, and the day a search for a clear day starts.</summary>
public sealed record DisciplineCase(IReadOnlyList<LocalDate> Entries, int Months, LocalDate From)
{
    public override string ToString() => $"entries [{string.Join(", ", Entries.Select(Day))}], {Months} months, from {Day(From)}";
}

/// <summary>
/// FsCheck generators of dates, sentences and remisi, each with a shrinker, so that a failing property is reported
/// with a small file: fewer remisi and entries, shorter sentences, dates nearer the detention day.
/// Registered on the property class with <c>[Properties(Arbitrary = ...)]</c>.
/// </summary>
public static class ReleaseScenarios
{
    private static readonly LocalDate FirstDetention = new(2012, 1, 1);
    private static readonly LocalDate FirstEntry = new(2023, 1, 1);

    public static Arbitrary<ReleaseScenario> Scenario() => Arb.From(ScenarioGen, ShrinkScenario);

    public static Arbitrary<ScenarioAndRemisi> ScenarioWithOneMoreRemisi() => Arb.From(
        from scenario in ScenarioGen
        from added in RemisiGen(scenario.Input.DetentionDate, 2500, Gen.Choose(1, 30))
        select new ScenarioAndRemisi(scenario, added),
        c => ShrinkScenario(c.Scenario).Select(s => c with { Scenario = s })
            .Concat(ShrinkRemisi(c.Added, c.Scenario.Input.DetentionDate, fewestDays: 1).Select(r => c with { Added = r })));

    public static Arbitrary<DisciplineCase> Discipline() => Arb.From(
        from count in Gen.Choose(0, 4)
        from entries in DateGen(FirstEntry, 900).ArrayOf(count)
        from months in Gen.Choose(1, 12)
        from start in DateGen(FirstEntry, 1000)
        select new DisciplineCase(entries, months, start),
        c => ShrinkList(c.Entries, d => ShrinkDate(d, FirstEntry)).Select(e => c with { Entries = e })
            .Concat(Toward(1, c.Months).Select(m => c with { Months = m }))
            .Concat(ShrinkDate(c.From, FirstEntry).Select(d => c with { From = d })));

    public static string Describe(Remission remisi) => $"{Day(remisi.GrantedOn)}: {remisi.Months}m {remisi.Days}d";

    /// <summary>A day as a counterexample shows it: 2012-01-31.</summary>
    public static string Day(LocalDate day) => day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A day within <paramref name="days"/> of <paramref name="from"/>; one in four is a month end.</summary>
    private static Gen<LocalDate> DateGen(LocalDate from, int days) =>
        Gen.Choose(0, days - 1).Zip(Gen.Choose(0, 3), (offset, coin) =>
            // Month ends and 29 February are where month arithmetic clamps; make them common.
            coin == 0 ? from.PlusDays(offset).With(DateAdjusters.EndOfMonth) : from.PlusDays(offset));

    /// <summary>A fixed sentence of up to five years, eleven months and thirty days, never empty.</summary>
    private static readonly Gen<Sentence> SentenceGen =
        from years in Gen.Choose(0, 5)
        from months in Gen.Choose(0, 11)
        from days in Gen.Choose(0, 30)
        select years + months + days == 0 ? new Sentence(0, 4, 0, SentenceKind.Fixed) : new Sentence(years, months, days, SentenceKind.Fixed);

    private static Gen<Remission> RemisiGen(LocalDate detention, int days, Gen<int> dayCount) =>
        from grantedOn in DateGen(detention, days)
        from months in Gen.Choose(0, 3)
        from remisiDays in dayCount
        select Remisi(grantedOn, months, remisiDays);

    private static readonly Gen<ReleaseScenario> ScenarioGen =
        from detention in DateGen(FirstDetention, 4000)
        from sentence in SentenceGen
        let span = Period.DaysBetween(detention, detention.Plus(sentence.Length))
        from remisiCount in Gen.Choose(0, 6)
        // Most remisi are the usual 15 days; a third have any number of days.
        from remisi in RemisiGen(detention, span + 60, Gen.Frequency((1, Gen.Choose(0, 30)), (2, Gen.Constant(15)))).ArrayOf(remisiCount)
        from entryCount in Gen.Choose(0, 3)
        from entries in DateGen(detention, span).ArrayOf(entryCount)
        from asOf in Gen.Choose(-30, span + 399)
        from asimilasiMonths in Gen.Choose(1, 12)
        from paroleMonths in Gen.Choose(1, 12)
        let rules = ReleaseRules.Default with { AsimilasiDisciplineMonths = asimilasiMonths, ParoleDisciplineMonths = paroleMonths }
        select new ReleaseScenario(new ReleaseInput(detention, sentence, remisi, entries, rules), detention.PlusDays(asOf));

    private static Remission Remisi(LocalDate grantedOn, int months, int days) =>
        new(Guid.Empty, RemissionKind.Umum, grantedOn, months, days, "decree", "test", Instant.FromUtc(2025, 1, 1, 0, 0));

    /// <summary>
    /// Smaller scenarios, simplest change first: drop a remisi or an entry, then shorten the sentence, then move dates
    /// toward the detention day (and that toward 2012), then narrow the discipline windows.
    /// </summary>
    private static IEnumerable<ReleaseScenario> ShrinkScenario(ReleaseScenario scenario)
    {
        var input = scenario.Input;
        var detention = input.DetentionDate;
        var rules = input.Rules;
        return ShrinkList(input.Remissions, r => ShrinkRemisi(r, detention, fewestDays: 0)).Select(r => scenario with { Input = input with { Remissions = r } })
            .Concat(ShrinkList(input.DisciplineDates, d => ShrinkDate(d, detention)).Select(d => scenario with { Input = input with { DisciplineDates = d } }))
            .Concat(ShrinkSentence(input.Sentence).Select(s => scenario with { Input = input with { Sentence = s } }))
            .Concat(ShrinkDate(scenario.AsOf, detention).Select(d => scenario with { AsOf = d }))
            // Earlier only: every other date of the file stays on or after the detention day.
            .Concat(ShrinkDate(detention, FirstDetention).Select(d => scenario with { Input = input with { DetentionDate = d } }))
            .Concat(Toward(1, rules.AsimilasiDisciplineMonths).Select(m => scenario with { Input = input with { Rules = rules with { AsimilasiDisciplineMonths = m } } }))
            .Concat(Toward(1, rules.ParoleDisciplineMonths).Select(m => scenario with { Input = input with { Rules = rules with { ParoleDisciplineMonths = m } } }));
    }

    private static IEnumerable<Sentence> ShrinkSentence(Sentence sentence) =>
        Toward(0, sentence.Years).Select(y => sentence with { Years = y })
            .Concat(Toward(0, sentence.Months).Select(m => sentence with { Months = m }))
            .Concat(Toward(0, sentence.Days).Select(d => sentence with { Days = d }))
            .Where(s => s.Years + s.Months + s.Days > 0);

    private static IEnumerable<Remission> ShrinkRemisi(Remission remisi, LocalDate detention, int fewestDays) =>
        Toward(0, remisi.Months).Select(m => remisi with { Months = m })
            .Concat(Toward(fewestDays, remisi.Days).Select(d => remisi with { Days = d }))
            .Concat(ShrinkDate(remisi.GrantedOn, detention).Select(d => remisi with { GrantedOn = d }));

    /// <summary>Days nearer <paramref name="toward"/> (from either side).</summary>
    private static IEnumerable<LocalDate> ShrinkDate(LocalDate date, LocalDate toward) =>
        Toward(0, Period.DaysBetween(toward, date)).Select(days => toward.PlusDays(days));

    /// <summary>Each list with one item left out, then each with one item shrunk.</summary>
    private static IEnumerable<IReadOnlyList<T>> ShrinkList<T>(IReadOnlyList<T> items, Func<T, IEnumerable<T>> shrinkOne)
    {
        for (var i = 0; i < items.Count; i++)
        {
            yield return [.. items.Take(i), .. items.Skip(i + 1)];
        }
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var smaller in shrinkOne(items[i]))
            {
                yield return [.. items.Take(i), smaller, .. items.Skip(i + 1)];
            }
        }
    }

    /// <summary>The target itself, then halfway there, then one step: repeated, a bisection toward the target.</summary>
    private static IEnumerable<int> Toward(int target, int value)
    {
        if (value == target)
        {
            yield break;
        }
        yield return target;
        var half = target + ((value - target) / 2);
        if (half != target)
        {
            yield return half;
        }
        var step = value - Math.Sign(value - target);
        if (step != half && step != target)
        {
            yield return step;
        }
    }
}
