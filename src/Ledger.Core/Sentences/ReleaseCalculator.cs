using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Sentences;

/// <summary>
/// The release dates and rights of domain.md ("Release dates"), as a pure function of the file and a day.
/// </summary>
/// <remarks>
/// Dates are worked out from everything on file, including remisi granted and register-F entries made after
/// <c>asOf</c> when asOf lies in the past. That cannot change a status: every date a remisi moves counts it only
/// from its grant day, and an entry blocks only days from its own day on, so whether a right holds on asOf depends
/// only on what was known on asOf. Only the dates still to come are projections from the whole file.
/// <para>
/// Each right is a list of conditions, each true or false on asOf, with the day a failing one will pass if nothing
/// changes. The status follows from them: eligible when all pass, none when one will never pass, otherwise
/// almost or not-yet by the right's date, which is the latest of those days.
/// </para>
/// </remarks>
public static class ReleaseCalculator
{
    /// <summary>The dates of the sentence and the status of each release right on <paramref name="asOf"/>.</summary>
    /// <exception cref="ArgumentException">A sentence or remisi with a negative part.</exception>
    public static ReleaseDates Evaluate(ReleaseInput input, LocalDate asOf)
    {
        Validate(input);
        var remissionMonths = input.Remissions.Sum(r => r.Months);
        var remissionDays = input.Remissions.Sum(r => r.Days);
        if (input.Sentence.Kind != SentenceKind.Fixed)
        {
            return WithoutExpiry(input, asOf, remissionMonths, remissionDays);
        }

        var detention = input.DetentionDate;
        var expiry = detention.Plus(input.Sentence.Length);
        var adjustedExpiry = RemissionTimeline.AdjustedExpiry(detention, expiry, input.Remissions);
        var facts = new Facts(
            input,
            asOf,
            expiry,
            adjustedExpiry,
            RemissionTimeline.Walk(input.Remissions, known => RemissionTimeline.AdjustedExpiry(detention, expiry, known)),
            RemissionTimeline.Serve(detention, expiry, input.Remissions, Fraction.Half),
            RemissionTimeline.Serve(detention, expiry, input.Remissions, Fraction.TwoThirds));

        var parole = Parole(facts);
        // Probation after parole is the remaining sentence plus one year (KUHP 2023 art. 72; the old KUHP art. 15
        // said the same). It runs from the parole day, so it ends on parole day + (adjusted expiry − parole day)
        // + 1 year = adjusted expiry + 1 year, whichever day parole is granted; null when parole cannot apply.
        var probationEndsOn = ParoleSpanIsLongEnough(facts) ? adjustedExpiry.PlusYears(1) : (LocalDate?)null;

        return new ReleaseDates(
            asOf,
            SentenceKind.Fixed,
            expiry,
            remissionMonths,
            remissionDays,
            adjustedExpiry,
            RemissionTimeline.SpanDays(detention, adjustedExpiry),
            facts.Half.Date,
            facts.TwoThirds.Date,
            probationEndsOn,
            new ReleaseRights(Asimilasi(facts), parole, CutiBersyarat(facts), CutiMenjelangBebas(facts)));
    }

    /// <summary>
    /// What every right reads. <c>SentenceEnds</c> is the adjusted expiry, but never before the grant day of a remisi
    /// that brought it forward.
    /// </summary>
    private sealed record Facts(
        ReleaseInput Input,
        LocalDate AsOf,
        LocalDate Expiry,
        LocalDate AdjustedExpiry,
        FirstDay SentenceEnds,
        FractionServed Half,
        FractionServed TwoThirds)
    {
        public ReleaseRules Rules => Input.Rules;

        public LocalDate AdjustedExpiryWith(IReadOnlyList<Remission> known) =>
            RemissionTimeline.AdjustedExpiry(Input.DetentionDate, Expiry, known);
    }

    private static RightAssessment Asimilasi(Facts facts) =>
        AfterServing(facts, new ConditionName.HalfServed(), facts.Half, Fraction.Half, facts.Rules.AsimilasiDisciplineMonths);

    /// <remarks>Parole also needs 2/3 of the sentence span to be at least the parole minimum.</remarks>
    private static RightAssessment Parole(Facts facts) =>
        AfterServing(facts, new ConditionName.TwoThirdsServed(), facts.TwoThirds, Fraction.TwoThirds, facts.Rules.ParoleDisciplineMonths,
            ParoleSpanCondition(facts));

    /// <summary>
    /// A right earned by serving a fraction of the sentence (asimilasi, parole), in the order the conditions are
    /// listed: a fixed sentence, the fraction served, the right's own conditions, no register-F entry in the
    /// discipline window before it, and the adjusted expiry not yet reached.
    /// </summary>
    private static RightAssessment AfterServing(Facts facts, ConditionName servedName, FractionServed served, Fraction fraction, int disciplineMonths,
        params Condition[] ownConditions)
    {
        var (discipline, start) = DisciplineCondition(facts, served, fraction, disciplineMonths);
        return Assess(facts, start,
        [
            FixedSentence(facts.Input.Sentence),
            FractionCondition(servedName, served, fraction, facts.AsOf),
            .. ownConditions,
            discipline,
            BeforeAdjustedExpiry(facts, start),
        ]);
    }

    /// <remarks>
    /// domain.md only says "short sentences; length 4 or 6 months". We read that as: CB covers the last
    /// <see cref="ReleaseRules.CutiBersyaratMonths"/> months before the adjusted expiry, and like every other
    /// conditional release it also needs 2/3 served, so its date is the later of the 2/3 date and the start of
    /// that period. The sentence limit is on the sentence the court gave (detention + sentence ≤ detention +
    /// limit), not on what remains after remisi. No discipline window: domain.md names none for CB. The period
    /// starts no earlier than the grant day of a remisi that brought it forward.
    /// </remarks>
    private static RightAssessment CutiBersyarat(Facts facts)
    {
        var detention = facts.Input.DetentionDate;
        var limit = facts.Rules.CutiBersyaratMaxSentenceMonths;
        var sentence = facts.Input.Sentence;
        var shortEnough = detention.Plus(sentence.Length) <= detention.PlusMonths(limit);
        var length = facts.Rules.CutiBersyaratMonths;
        var period = RemissionTimeline.Walk(facts.Input.Remissions, known => facts.AdjustedExpiryWith(known).PlusMonths(-length));
        var start = Later(facts.TwoThirds.Date, period.Date);
        return Assess(facts, start,
        [
            FixedSentence(sentence),
            new Condition(new ConditionName.SentenceAtMost(limit), shortEnough, null, Catalogue.Fill(shortEnough ? ReleaseConditions.SentenceShortEnough : ReleaseConditions.SentenceTooLong, Describe(sentence), limit)),
            FractionCondition(new ConditionName.TwoThirdsServed(), facts.TwoThirds, Fraction.TwoThirds, facts.AsOf),
            PeriodCondition(new ConditionName.WithinMonthsOfAdjustedExpiry(length), period, facts.AsOf,
                Catalogue.Fill(ReleaseConditions.CutiBersyaratPeriod, length, Day(facts.AdjustedExpiryWith(period.Known)))),
            BeforeAdjustedExpiry(facts, start),
        ]);
    }

    /// <remarks>
    /// CMB starts before the adjusted expiry by the length of the last remisi (latest grant day; of several
    /// granted that day, the longest), but no earlier than <see cref="ReleaseRules.CmbMaxMonths"/> months before
    /// it, and needs 2/3 served with 2/3 of S at least the parole minimum. Without any remisi it has no start.
    /// </remarks>
    private static RightAssessment CutiMenjelangBebas(Facts facts)
    {
        var conditions = new List<Condition>
        {
            FixedSentence(facts.Input.Sentence),
            FractionCondition(new ConditionName.TwoThirdsServed(), facts.TwoThirds, Fraction.TwoThirds, facts.AsOf),
            ParoleSpanCondition(facts),
        };
        if (facts.Input.Remissions.Count == 0)
        {
            conditions.Add(new Condition(new ConditionName.HasRemisi(), false, null, ReleaseConditions.NoRemisi));
            return Assess(facts, facts.TwoThirds.Date, conditions);
        }
        var maxMonths = facts.Rules.CmbMaxMonths;
        var period = RemissionTimeline.Walk(facts.Input.Remissions, known => LastRemission(facts.AdjustedExpiryWith(known), known) is { } last
            ? Later(facts.AdjustedExpiryWith(known).PlusMonths(-last.Months).PlusDays(-last.Days), facts.AdjustedExpiryWith(known).PlusMonths(-maxMonths))
            : LocalDate.MaxIsoValue);
        var adjusted = facts.AdjustedExpiryWith(period.Known);
        var lastKnown = LastRemission(adjusted, period.Known)!;
        var length = Describe(lastKnown.Months, lastKnown.Days);
        var capped = adjusted.PlusMonths(-lastKnown.Months).PlusDays(-lastKnown.Days) < adjusted.PlusMonths(-maxMonths);
        var start = Later(facts.TwoThirds.Date, period.Date);
        conditions.Add(new Condition(new ConditionName.HasRemisi(), true, null, Catalogue.Fill(ReleaseConditions.LastRemisi, Day(lastKnown.GrantedOn), length)));
        conditions.Add(PeriodCondition(new ConditionName.WithinLastRemisiOfAdjustedExpiry(), period, facts.AsOf, capped
            ? Catalogue.Fill(ReleaseConditions.CmbPeriodCapped, length, maxMonths, Day(adjusted))
            : Catalogue.Fill(ReleaseConditions.CmbPeriod, length, Day(adjusted))));
        conditions.Add(BeforeAdjustedExpiry(facts, start));
        return Assess(facts, start, conditions);
    }

    /// <summary>The remisi granted last; of several granted that day, the longest.</summary>
    private static Remission? LastRemission(LocalDate adjustedExpiry, IReadOnlyList<Remission> remissions) => remissions
        .OrderByDescending(r => r.GrantedOn)
        .ThenBy(r => adjustedExpiry.PlusMonths(-r.Months).PlusDays(-r.Days))
        .FirstOrDefault();

    /// <summary>
    /// None when a condition will never pass; eligible when all pass (the date is <paramref name="start"/>, the
    /// day the right started); otherwise the date is the latest day a failing condition will pass.
    /// </summary>
    private static RightAssessment Assess(Facts facts, LocalDate start, IReadOnlyList<Condition> conditions)
    {
        if (conditions.Any(c => c is { Passed: false, PassesOn: null }))
        {
            return new RightAssessment(RightStatus.None, null, conditions);
        }
        if (conditions.All(c => c.Passed))
        {
            return new RightAssessment(RightStatus.Eligible, start, conditions);
        }
        var date = conditions.Where(c => !c.Passed).Max(c => c.PassesOn!.Value);
        var status = Period.DaysBetween(facts.AsOf, date) <= facts.Rules.AlmostWithinDays ? RightStatus.Almost : RightStatus.NotYet;
        return new RightAssessment(status, date, conditions);
    }

    private static Condition FixedSentence(Sentence sentence) =>
        new(new ConditionName.FixedSentence(), true, null, Catalogue.Fill(ReleaseConditions.FixedSentence, Describe(sentence)));

    private static Condition FractionCondition(ConditionName name, FractionServed served, Fraction fraction, LocalDate asOf)
    {
        var passed = served.Date <= asOf;
        var what = Catalogue.Fill(ReleaseConditions.FractionOfSentence, fraction.Label, served.DaysServed, served.SpanDays);
        var when = Catalogue.Fill(passed ? ReleaseConditions.FractionServed : ReleaseConditions.FractionWillBeServed, what, Day(served.Date));
        var detail = served.Day.HeldToGrantDay ? Catalogue.Fill(ReleaseConditions.HeldToGrantDay, when, Day(served.Day.Reached)) : when;
        return new Condition(name, passed, passed ? null : served.Date, detail);
    }

    private static bool ParoleSpanIsLongEnough(Facts facts) => facts.TwoThirds.DaysServed >= facts.Rules.ParoleMinimumDays;

    /// <summary>
    /// 2/3 of S is taken with the remisi known on the 2/3 date, the same days the 2/3 date counts, so a remisi
    /// granted after parole was reached cannot take parole away by shortening S below the minimum.
    /// </summary>
    private static Condition ParoleSpanCondition(Facts facts)
    {
        var minimum = facts.Rules.ParoleMinimumDays;
        var twoThirds = facts.TwoThirds;
        var passed = ParoleSpanIsLongEnough(facts);
        return new Condition(new ConditionName.TwoThirdsAtLeast(minimum), passed, null, Catalogue.Fill(passed ? ReleaseConditions.ParoleSpanEnough : ReleaseConditions.ParoleSpanShort, twoThirds.DaysServed, twoThirds.SpanDays, minimum));
    }

    /// <summary>
    /// The discipline window is checked on the day the right would otherwise start: the fraction date while that is
    /// still ahead, asOf once it has passed (an entry after the right was reached suspends it again). Returns the
    /// condition and the right's start: the first clear day from then on, or, when the right holds on asOf, the
    /// first day of the clear stretch it has held since.
    /// </summary>
    private static (Condition Condition, LocalDate Start) DisciplineCondition(Facts facts, FractionServed served, Fraction fraction, int months)
    {
        var entries = facts.Input.DisciplineDates;
        var asOf = facts.AsOf;
        var day = Later(served.Date, asOf);
        var when = day == asOf ? Day(asOf) : Catalogue.Fill(ReleaseConditions.WhenFractionServed, Day(day), fraction.Label);
        var name = new ConditionName.NoDisciplineWithin(months);
        if (DisciplineWindow.LatestBlocking(entries, day, months) is { } entry)
        {
            var clear = DisciplineWindow.FirstClearDay(entries, day, months);
            return (new Condition(name, false, clear,
                Catalogue.Fill(ReleaseConditions.DisciplineBlocks, Day(entry), months, when, Day(clear))), clear);
        }
        var start = served.Date <= asOf ? DisciplineWindow.ClearSince(entries, asOf, served.Date, months) : served.Date;
        return (new Condition(name, true, null, Catalogue.Fill(ReleaseConditions.DisciplineClear, months, when)), start);
    }

    private static Condition PeriodCondition(ConditionName name, FirstDay period, LocalDate asOf, string what)
    {
        var passed = period.Date <= asOf;
        var detail = period.HeldToGrantDay
            ? Catalogue.Fill(ReleaseConditions.PeriodFromHeld, what, Day(period.Date), Day(period.Reached))
            : Catalogue.Fill(ReleaseConditions.PeriodFrom, what, Day(period.Date));
        return new Condition(name, passed, passed ? null : period.Date, detail);
    }

    /// <summary>
    /// Rights are moot once the sentence has ended (the person is free on the adjusted expiry), and a right that
    /// would only start on or after that day never happens: both fail a condition that never passes, so the status
    /// is none. The end counts a remisi only from its grant day, like every other date, so a past asOf is judged by
    /// the remisi known then.
    /// </summary>
    private static Condition BeforeAdjustedExpiry(Facts facts, LocalDate start)
    {
        var name = new ConditionName.BeforeAdjustedExpiry();
        var ends = facts.SentenceEnds.Date;
        if (facts.AsOf >= ends)
        {
            return new Condition(name, false, null, Catalogue.Fill(ReleaseConditions.SentenceEnded, Day(ends)));
        }
        if (start > facts.AsOf && start >= ends)
        {
            return new Condition(name, false, null, Catalogue.Fill(ReleaseConditions.WouldStartTooLate, Day(start), Day(ends)));
        }
        return new Condition(name, true, null,
            Catalogue.Fill(start <= facts.AsOf ? ReleaseConditions.Started : ReleaseConditions.Starts, Day(start), Day(ends)));
    }

    private static ReleaseDates WithoutExpiry(ReleaseInput input, LocalDate asOf, int remissionMonths, int remissionDays)
    {
        var detail = input.Sentence.Kind == SentenceKind.Life ? ReleaseConditions.LifeNoRights : ReleaseConditions.DeathNoRights;
        RightAssessment None() => new(RightStatus.None, null, [new Condition(new ConditionName.FixedSentence(), false, null, detail)]);
        return new ReleaseDates(asOf, input.Sentence.Kind, null, remissionMonths, remissionDays, null, null, null, null, null,
            new ReleaseRights(None(), None(), None(), None()));
    }

    private static void Validate(ReleaseInput input)
    {
        var sentence = input.Sentence;
        if (sentence.Years < 0 || sentence.Months < 0 || sentence.Days < 0)
        {
            throw new ArgumentException("A sentence has no negative parts.", nameof(input));
        }
        if (input.Remissions.Any(r => r.Months < 0 || r.Days < 0))
        {
            throw new ArgumentException("A remisi has no negative parts.", nameof(input));
        }
    }

    private static LocalDate Later(LocalDate a, LocalDate b) => a > b ? a : b;

    /// <summary>A day in the reader's language: ISO for the API's English (its contract), "17 Agustus 2025" in Indonesian.</summary>
    private static string Day(LocalDate date) => Format.Date(date);

    private static string Describe(Sentence sentence) => Describe(sentence.Years, sentence.Months, sentence.Days);

    private static string Describe(int months, int days) => Describe(0, months, days);

    private static string Describe(int years, int months, int days)
    {
        var parts = new List<string>();
        if (years != 0)
        {
            parts.Add(Plural(years, ReleaseConditions.Year1, ReleaseConditions.Years));
        }
        if (months != 0)
        {
            parts.Add(Plural(months, ReleaseConditions.Month1, ReleaseConditions.Months));
        }
        if (days != 0 || parts.Count == 0)
        {
            parts.Add(Plural(days, ReleaseConditions.Day1, ReleaseConditions.Days));
        }
        return string.Join(" ", parts);
    }

    private static string Plural(int count, string one, string many) => count == 1 ? one : Catalogue.Fill(many, count);
}
