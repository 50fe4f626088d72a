using Ledger.Core.Inmates;
using NodaTime;

namespace Ledger.Core.Skills;

/// <summary>A person's standing in one programme: live minutes, whole JP, and progress to the required minutes.</summary>
public sealed record ProgrammeProgress(
    string ProgrammeCode,
    string ProgrammeName,
    string FacilityCode,
    ProgrammeKind Kind,
    int Minutes,
    int Jp,
    int MinutesPerJp,
    int? RequiredMinutes,
    int? ProgressPercent,
    int? RemainingMinutes,
    bool? RequirementMet,
    LocalDate? FirstDay,
    LocalDate? LastDay);

/// <summary>A person's skills view: standing per programme, the entries of a date range, and certificates with their validity.</summary>
public sealed record PersonSkills(
    InmateId InmateId,
    string RegistrationNumber,
    string FullName,
    string FacilityCode,
    LocalDate Today,
    LocalDate ExpectedReleaseOn,
    IReadOnlyList<ProgrammeProgress> Programmes,
    LocalDate? From,
    LocalDate? To,
    IReadOnlyList<TrainingEntry> Entries,
    IReadOnlyList<CertificateStanding> Certificates);

/// <summary>Progress towards a programme's required minutes; all null when the programme requires none.</summary>
public readonly record struct Progress(int? Percent, int? RemainingMinutes, bool? Met);

/// <summary>Pure rules of training totals: the ledger sum, JP and progress.</summary>
public static class SkillRules
{
    /// <summary>
    /// Whole JP (jam pelajaran) in <paramref name="minutes"/>, rounded down: a lesson hour counts once it is
    /// complete, so 240 minutes at 45 a JP are 5 JP, not 5.33.
    /// </summary>
    public static int Jp(int minutes, int minutesPerJp) =>
        (int)Jp((long)minutes, minutesPerJp);

    /// <inheritdoc cref="Jp(int, int)"/>
    public static long Jp(long minutes, int minutesPerJp) =>
        minutesPerJp > 0 ? Math.Max(0, minutes) / minutesPerJp : throw new ArgumentOutOfRangeException(nameof(minutesPerJp), "must be positive");

    /// <summary>
    /// recorded / required as a whole percent, rounded down and capped at 100, so 100 means the requirement is met
    /// and 99 never rounds up into it.
    /// </summary>
    public static Progress ProgressOf(int minutes, int? requiredMinutes)
    {
        if (requiredMinutes is not { } required || required <= 0)
        {
            return new Progress(null, null, null);
        }
        var done = Math.Clamp(minutes, 0, required);
        return new Progress((int)((long)done * 100 / required), required - done, minutes >= required);
    }

    /// <summary>
    /// The ledger sum per programme: every entry adds its minutes, every reversal subtracts the minutes of the
    /// entry it names. A reversal of an unknown entry or a second reversal of one entry is a misuse (the
    /// database refuses both), so it throws rather than quietly counting twice.
    /// </summary>
    public static IReadOnlyDictionary<ProgrammeId, int> LiveMinutes(IEnumerable<TrainingEntry> entries, IEnumerable<TrainingReversal> reversals)
    {
        var byId = new Dictionary<TrainingEntryId, TrainingEntry>();
        var totals = new Dictionary<ProgrammeId, int>();
        foreach (var entry in entries)
        {
            byId.Add(entry.Id, entry);
            totals[entry.ProgrammeId] = checked(totals.GetValueOrDefault(entry.ProgrammeId) + entry.Minutes);
        }
        var reversed = new HashSet<TrainingEntryId>();
        foreach (var reversal in reversals)
        {
            if (!byId.TryGetValue(reversal.EntryId, out var entry))
            {
                throw new InvalidOperationException($"Reversal {reversal.Id} names entry {reversal.EntryId}, which is not in the ledger.");
            }
            if (!reversed.Add(reversal.EntryId))
            {
                throw new InvalidOperationException($"Entry {reversal.EntryId} is reversed twice.");
            }
            totals[entry.ProgrammeId] -= entry.Minutes;
        }
        return totals;
    }

    /// <summary>A person's standing per programme from all their entries (live and reversed).</summary>
    public static IReadOnlyList<ProgrammeProgress> Summarize(IReadOnlyList<TrainingEntry> entries, IReadOnlyList<Programme> programmes, Func<string, int> minutesPerJpOfFacility)
    {
        var totals = LiveMinutes(entries, entries.Where(e => e.Reversal is not null).Select(e => e.Reversal!));
        return Standings(totals.Select(t =>
        {
            var live = entries.Where(e => e.ProgrammeId == t.Key && e.IsLive).Select(e => e.Date).ToList();
            return new ProgrammeTotal(t.Key, t.Value, live.Count > 0 ? live.Min() : null, live.Count > 0 ? live.Max() : null);
        }), programmes, minutesPerJpOfFacility);
    }

    /// <summary>
    /// A person's standing per programme from their totals (one per programme they have any entry in, kept on write:
    /// docs/kept-values.md), in the order of the programme's facility and code.
    /// </summary>
    public static IReadOnlyList<ProgrammeProgress> Standings(IEnumerable<ProgrammeTotal> totals, IReadOnlyList<Programme> programmes, Func<string, int> minutesPerJpOfFacility)
    {
        var byProgramme = totals.ToDictionary(t => t.ProgrammeId);
        var result = new List<ProgrammeProgress>();
        foreach (var programme in programmes.Where(p => byProgramme.ContainsKey(p.Id)).OrderBy(p => p.FacilityCode, StringComparer.Ordinal).ThenBy(p => p.Code, StringComparer.Ordinal))
        {
            var total = byProgramme[programme.Id];
            var perJp = minutesPerJpOfFacility(programme.FacilityCode);
            var progress = ProgressOf(total.Minutes, programme.RequiredMinutes);
            result.Add(new ProgrammeProgress(programme.Code, programme.Name, programme.FacilityCode, programme.Kind, total.Minutes, Jp(total.Minutes, perJp), perJp,
                programme.RequiredMinutes, progress.Percent, progress.RemainingMinutes, progress.Met, total.FirstDay, total.LastDay));
        }
        return result;
    }
}

/// <summary>One person's training in one programme: live minutes, and the first and last day with a live entry (none when all are reversed).</summary>
public sealed record ProgrammeTotal(ProgrammeId ProgrammeId, int Minutes, LocalDate? FirstDay, LocalDate? LastDay);
