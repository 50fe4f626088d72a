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

/// <summary>The current step of a person's usulan for one right, as the worklist shows it.</summary>
public sealed record UsulanStep(UsulanRight Right, int Application, UsulanState State, LocalDate On, string? DecreeNumber)
{
    public static UsulanStep Of(UsulanEvent e) => new(e.Right, e.Application, e.State, e.On, e.DecreeNumber);
}

/// <summary>
/// One person on the release worklist: the soonest event, the expected release, what is still missing, the current
/// usulan of each right that has one, and, when the soonest event was reached and nothing was done about it, for how
/// many days.
/// </summary>
public sealed record WorklistItem(InmateId InmateId, string RegistrationNumber, string FullName, ReleaseEvent Next, IReadOnlyList<ReleaseEvent> Events,
    ExpectedRelease ExpectedRelease, int ChecklistPassed, int ChecklistTotal, IReadOnlyList<ChecklistItemName> Gaps,
    IReadOnlyList<UsulanStep> Usulan, int? OverdueDays)
{
    /// <summary>The current usulan for the right of <paramref name="kind"/> (none for expiry, or when there is none).</summary>
    public UsulanStep? UsulanFor(ReleaseEventKind kind) => ReleaseWorklist.RightOf(kind) is { } right ? Usulan.FirstOrDefault(u => u.Right == right) : null;
}

/// <summary>
/// Who leaves soon: everyone whose expiry or a release right (parole, cuti bersyarat, cuti menjelang bebas) falls
/// within N days or is already reached, soonest first. Asimilasi is listed beside them but puts no one on the list:
/// it is work outside the walls, not a release.
/// </summary>
/// <remarks>
/// A person is overdue when their soonest event lies before today and nothing was done about it
/// (<see cref="OverdueDays"/>): the worklist's page sets them apart, longest overdue first.
/// </remarks>
public static class ReleaseWorklist
{
    public static IReadOnlyList<WorklistItem> Build(IEnumerable<ReadinessSummary> summaries, LocalDate today, int withinDays,
        IReadOnlyDictionary<InmateId, IReadOnlyList<UsulanEvent>>? usulan = null)
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
            IReadOnlyList<UsulanStep> steps = usulan is not null && usulan.TryGetValue(summary.Person.Id, out var current) ? [.. current.Select(UsulanStep.Of)] : [];
            items.Add(new WorklistItem(summary.Person.Id, summary.Person.RegistrationNumber, summary.Person.FullName, next, events, summary.ExpectedRelease,
                summary.Checklist.Count(c => c.Passed), summary.Checklist.Count, summary.Gaps, steps, OverdueDays(next, steps, today)));
        }
        return [.. items.OrderBy(i => i.Next.Date).ThenBy(i => i.RegistrationNumber, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Days since <paramref name="next"/> was reached when nothing was done about it: a right with no usulan at all
    /// (a draft, one sent, a decree or a refusal each show someone acted), or an expiry passed while the person is
    /// still held. Null when it is not yet reached (or only today) or is being dealt with.
    /// </summary>
    public static int? OverdueDays(ReleaseEvent next, IReadOnlyList<UsulanStep> usulan, LocalDate today)
    {
        if (next.Date >= today)
        {
            return null;
        }
        var acted = RightOf(next.Kind) is { } right && usulan.Any(u => u.Right == right);
        return acted ? null : Period.DaysBetween(next.Date, today);
    }

    /// <summary>The right an event starts (null for the expiry, which needs no usulan).</summary>
    public static UsulanRight? RightOf(ReleaseEventKind kind) => kind switch
    {
        ReleaseEventKind.Asimilasi => UsulanRight.Asimilasi,
        ReleaseEventKind.PembebasanBersyarat => UsulanRight.PembebasanBersyarat,
        ReleaseEventKind.CutiBersyarat => UsulanRight.CutiBersyarat,
        ReleaseEventKind.CutiMenjelangBebas => UsulanRight.CutiMenjelangBebas,
        _ => null,
    };

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
