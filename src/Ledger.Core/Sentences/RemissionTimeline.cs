using NodaTime;

namespace Ledger.Core.Sentences;

/// <summary>A fraction of the sentence span (1/2, 2/3), rounded up to whole days with integer arithmetic.</summary>
internal readonly record struct Fraction(int Numerator, int Denominator, string Label)
{
    public static Fraction Half { get; } = new(1, 2, "1/2");

    public static Fraction TwoThirds { get; } = new(2, 3, "2/3");

    /// <summary>ceil(n × S / d) without floating point: (n × S + d − 1) / d, exact for S ≥ 0.</summary>
    public int OfSpan(int spanDays) => checked(((Numerator * spanDays) + Denominator - 1) / Denominator);
}

/// <summary>
/// The first day t on which a date that depends on the remisi, taken with only the remisi granted on or before t,
/// has come: <see cref="Date"/> is that t, <see cref="Reached"/> the date with those remisi, and
/// <see cref="Known"/> those remisi. <see cref="Reached"/> is before <see cref="Date"/> when the remisi that brought
/// it forward was granted only on <see cref="Date"/>.
/// </summary>
internal sealed record FirstDay(LocalDate Date, LocalDate Reached, IReadOnlyList<Remission> Known)
{
    public bool HeldToGrantDay => Date > Reached;
}

/// <summary>When a fraction is served, with S_t and ceil(f × S_t) of the remisi known on that day.</summary>
internal sealed record FractionServed(FirstDay Day, int SpanDays, int DaysServed)
{
    public LocalDate Date => Day.Date;
}

/// <summary>
/// Expiry, remisi and the days that move with them. domain.md's rule for fractions, "counting only the remisi
/// granted on or before t", is applied to every date a remisi moves (fractions, the start of CB and CMB, the end
/// of the sentence), so that no remisi makes anything happen before the day it was granted.
/// </summary>
internal static class RemissionTimeline
{
    /// <summary>
    /// Expiry less the remisi: all the months first, then all the days, as domain.md says, never before detention
    /// (remisi that outgrow the sentence would otherwise put its end before its start).
    /// </summary>
    public static LocalDate AdjustedExpiry(LocalDate detention, LocalDate expiry, IEnumerable<Remission> remissions)
    {
        var months = 0;
        var days = 0;
        foreach (var remission in remissions)
        {
            months = checked(months + remission.Months);
            days = checked(days + remission.Days);
        }
        var adjusted = expiry.PlusMonths(-months).PlusDays(-days);
        return adjusted < detention ? detention : adjusted;
    }

    public static int SpanDays(LocalDate detention, LocalDate adjustedExpiry) => Period.DaysBetween(detention, adjustedExpiry);

    /// <summary>
    /// The first day t with <paramref name="dateWith"/>(remisi granted on or before t) ≤ t. Between two grant days the
    /// known remisi do not change, so on [from, next grant day) that day is max(from, date), if it falls inside;
    /// the intervals are tried in order and the last one is open-ended. For dates that remisi only bring forward
    /// (all but CMB's) the day, once reached, stays reached whatever is granted later.
    /// </summary>
    public static FirstDay Walk(IReadOnlyList<Remission> remissions, Func<IReadOnlyList<Remission>, LocalDate> dateWith)
    {
        var byGrant = remissions.OrderBy(r => r.GrantedOn).ToList();
        var known = 0;
        LocalDate? knownFrom = null;
        while (true)
        {
            var knownRemissions = byGrant.GetRange(0, known);
            var reached = dateWith(knownRemissions);
            var date = knownFrom is { } from && from > reached ? from : reached;
            if (known == byGrant.Count || date < byGrant[known].GrantedOn)
            {
                return new FirstDay(date, reached, knownRemissions);
            }
            var grantDay = byGrant[known].GrantedOn;
            while (known < byGrant.Count && byGrant[known].GrantedOn == grantDay)
            {
                known++;
            }
            knownFrom = grantDay;
        }
    }

    /// <summary>The fraction date: the first day t on which detention + ceil(f × S_t) ≤ t.</summary>
    public static FractionServed Serve(LocalDate detention, LocalDate expiry, IReadOnlyList<Remission> remissions, Fraction fraction)
    {
        var day = Walk(remissions, known => detention.PlusDays(fraction.OfSpan(SpanDays(detention, AdjustedExpiry(detention, expiry, known)))));
        var span = SpanDays(detention, AdjustedExpiry(detention, expiry, day.Known));
        return new FractionServed(day, span, fraction.OfSpan(span));
    }
}
