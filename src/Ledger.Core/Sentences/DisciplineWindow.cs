using NodaTime;

namespace Ledger.Core.Sentences;

/// <summary>
/// domain.md's discipline window of N months: a register-F entry on day d blocks day t when t − N months &lt; d ≤ t,
/// with months subtracted as NodaTime does. Because month arithmetic clamps to the end of a month, the first day
/// an entry stops blocking is d + N months, except when that addition was clamped (31 Aug + 6 months = 28 Feb,
/// and 28 Feb − 6 months = 28 Aug is still before 31 Aug): then it is the day after, 1 March.
/// </summary>
internal static class DisciplineWindow
{
    public static bool Blocks(LocalDate entry, LocalDate day, int months) => entry <= day && day.PlusMonths(-months) < entry;

    /// <summary>The first day on which <paramref name="entry"/> no longer blocks.</summary>
    public static LocalDate ClearsOn(LocalDate entry, int months)
    {
        var plus = entry.PlusMonths(months);
        return plus.PlusMonths(-months) < entry ? plus.PlusDays(1) : plus;
    }

    /// <summary>The latest entry blocking <paramref name="day"/>, which is the one that keeps it blocked longest.</summary>
    public static LocalDate? LatestBlocking(IReadOnlyList<LocalDate> entries, LocalDate day, int months)
    {
        LocalDate? latest = null;
        foreach (var entry in entries)
        {
            if (Blocks(entry, day, months) && (latest is null || entry > latest))
            {
                latest = entry;
            }
        }
        return latest;
    }

    /// <summary>
    /// The first day at or after <paramref name="from"/> that no entry blocks. Each step jumps past the latest
    /// blocking entry; a later entry may block the new day again, hence the loop. Each entry blocks one interval
    /// of days and the day only moves forward, so the loop ends after at most one step per entry.
    /// </summary>
    public static LocalDate FirstClearDay(IReadOnlyList<LocalDate> entries, LocalDate from, int months)
    {
        var day = from;
        while (LatestBlocking(entries, day, months) is { } entry)
        {
            day = ClearsOn(entry, months);
        }
        return day;
    }

    /// <summary>
    /// For a day that no entry blocks, the first day of the unbroken clear stretch that ends on it, not before
    /// <paramref name="notBefore"/>: every entry on or before the day has cleared by then, the last one on its
    /// <see cref="ClearsOn"/> day.
    /// </summary>
    public static LocalDate ClearSince(IReadOnlyList<LocalDate> entries, LocalDate day, LocalDate notBefore, int months)
    {
        var since = notBefore;
        foreach (var entry in entries)
        {
            if (entry <= day && ClearsOn(entry, months) is var clears && clears > since)
            {
                since = clears;
            }
        }
        return since;
    }
}
