using NodaTime;

namespace Ledger.Core.Sentences;

/// <summary>
/// The dates of a sentence that depend on neither the day, nor the facility's rules, nor register F: the expiry, the
/// adjusted expiry and the 1/2 and 2/3 dates, exactly as <see cref="ReleaseCalculator.Evaluate"/> returns them. These
/// are the release dates Ledger keeps per person (<see cref="KeptReleaseDates"/>); all of them are null for a life or
/// death sentence.
/// </summary>
/// <remarks>
/// The worklist's candidates are found from them (<c>inmate_release_dates.listed_from</c>, the earlier of the 2/3 date
/// and the adjusted expiry): parole, cuti bersyarat and cuti menjelang bebas each need 2/3 served, so whatever the day
/// and register F each is dated on or after the 2/3 date (a right reached from its start, one still ahead from the day
/// its last failing condition passes, and the 2/3 condition is one of them); the expiry event is the adjusted expiry.
/// </remarks>
public sealed record SentenceMilestones(LocalDate? Expiry, LocalDate? AdjustedExpiry, LocalDate? HalfDate, LocalDate? TwoThirdsDate)
{
    /// <summary>The dates of a sentence served from <paramref name="detention"/> with <paramref name="remissions"/> granted.</summary>
    public static SentenceMilestones Of(LocalDate detention, Sentence sentence, IReadOnlyList<Remission> remissions)
    {
        if (sentence.Kind != SentenceKind.Fixed)
        {
            return new SentenceMilestones(null, null, null, null);
        }
        // The same steps as ReleaseCalculator.Evaluate; the kept dates' property test compares the two.
        var expiry = detention.Plus(sentence.Length);
        return new SentenceMilestones(
            expiry,
            RemissionTimeline.AdjustedExpiry(detention, expiry, remissions),
            RemissionTimeline.Serve(detention, expiry, remissions, Fraction.Half).Date,
            RemissionTimeline.Serve(detention, expiry, remissions, Fraction.TwoThirds).Date);
    }
}
