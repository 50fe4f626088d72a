using Ledger.Core.Inmates;
using Ledger.Core.Sentences;
using NodaTime;

namespace Ledger.Core.Readiness;

/// <summary>What happens on a <see cref="ReleaseEvent"/>'s day: a release right starts, or the sentence ends (ekspirasi).</summary>
public enum ReleaseEventKind
{
    Asimilasi,
    PembebasanBersyarat,
    CutiBersyarat,
    CutiMenjelangBebas,
    Ekspirasi,
}

/// <summary>A day on which something about a person's release happens: a right starts or the sentence ends.</summary>
public sealed record ReleaseEvent(ReleaseEventKind Kind, LocalDate Date, RightStatus? Status);

/// <summary>One person on the release worklist: the soonest event, the expected release and what is still missing.</summary>
public sealed record WorklistItem(InmateId InmateId, string RegistrationNumber, string FullName, ReleaseEvent Next, IReadOnlyList<ReleaseEvent> Events,
    ExpectedRelease ExpectedRelease, int ChecklistPassed, int ChecklistTotal, IReadOnlyList<ChecklistItemName> Gaps);

/// <summary>
/// Who leaves soon: everyone whose expiry or a release right (parole, cuti bersyarat, cuti menjelang bebas) falls
/// within N days or is already reached, soonest first. Asimilasi is listed beside them but puts no one on the list:
/// it is work outside the walls, not a release.
/// </summary>
public static class ReleaseWorklist
{
    public static IReadOnlyList<WorklistItem> Build(IEnumerable<ReadinessSummary> summaries, LocalDate today, int withinDays)
    {
        var horizon = today.PlusDays(withinDays);
        var items = new List<WorklistItem>();
        foreach (var summary in summaries)
        {
            // Events of one day stay in the order of their wire names, as when the kinds were strings.
            var events = EventsOf(summary).Where(e => e.Date <= horizon).OrderBy(e => e.Date).ThenBy(e => Wire.Of(e.Kind), StringComparer.Ordinal).ToList();
            var next = events.FirstOrDefault(e => e.Kind != ReleaseEventKind.Asimilasi);
            if (next is null)
            {
                continue;
            }
            items.Add(new WorklistItem(summary.Person.Id, summary.Person.RegistrationNumber, summary.Person.FullName, next, events, summary.ExpectedRelease,
                summary.Checklist.Count(c => c.Passed), summary.Checklist.Count, summary.Gaps));
        }
        return [.. items.OrderBy(i => i.Next.Date).ThenBy(i => i.RegistrationNumber, StringComparer.Ordinal)];
    }

    private static IEnumerable<ReleaseEvent> EventsOf(ReadinessSummary summary)
    {
        var rights = summary.Rights;
        foreach (var (kind, right) in new[]
        {
            (ReleaseEventKind.Asimilasi, rights.Asimilasi),
            (ReleaseEventKind.PembebasanBersyarat, rights.PembebasanBersyarat),
            (ReleaseEventKind.CutiBersyarat, rights.CutiBersyarat),
            (ReleaseEventKind.CutiMenjelangBebas, rights.CutiMenjelangBebas),
        })
        {
            if (right.Status != RightStatus.None && right.Date is { } date)
            {
                yield return new ReleaseEvent(kind, date, right.Status);
            }
        }
        if (summary.Dates.AdjustedExpiry is { } expiry)
        {
            yield return new ReleaseEvent(ReleaseEventKind.Ekspirasi, expiry, null);
        }
    }
}
