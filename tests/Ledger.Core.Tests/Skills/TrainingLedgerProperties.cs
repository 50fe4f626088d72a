using FsCheck.Xunit;
using Ledger.Core.Skills;

namespace Ledger.Core.Tests.Skills;

/// <summary>
/// Any sequence of entries and reversals (including attempts to reverse an entry twice, which the rules refuse)
/// leaves per-programme totals equal to the sum of the live entries.
/// </summary>
public sealed class TrainingLedgerProperties
{
    private static readonly ProgrammeId[] Programmes = [ProgrammeId.New(), ProgrammeId.New(), ProgrammeId.New()];

    /// <summary>Each operation is a number: zero or more records an entry, a negative one reverses an earlier entry.</summary>
    [Property(MaxTest = 500)]
    public bool Any_sequence_of_entries_and_reversals_totals_the_live_entries(int[] operations)
    {
        var entries = new List<TrainingEntry>();
        var reversals = new List<TrainingReversal>();
        var (attempted, refused) = (0, 0);
        foreach (var operation in operations)
        {
            if (operation >= 0 || entries.Count == 0)
            {
                var magnitude = Math.Abs((long)operation);
                entries.Add(SkillRulesTests.Entry(Programmes[magnitude % Programmes.Length], (int)(1 + magnitude % 600)));
                continue;
            }
            attempted++;
            var target = entries[(int)(-(long)operation % entries.Count)];
            var asRecorded = target with { Reversal = reversals.FirstOrDefault(r => r.EntryId == target.Id) };
            try
            {
                TrainingRules.EnsureReversible(asRecorded);
                reversals.Add(SkillRulesTests.Reversal(target));
            }
            catch (RuleViolationException)
            {
                refused++;
            }
        }

        var totals = SkillRules.LiveMinutes(entries, reversals);
        var reversed = reversals.Select(r => r.EntryId).ToHashSet();
        var live = entries.Where(e => !reversed.Contains(e.Id)).ToList();
        var withReversals = entries.Select(e => e with { Reversal = reversals.FirstOrDefault(r => r.EntryId == e.Id) }).ToList();
        var summary = SkillRules.Summarize(withReversals, Programmes.Select(p => new Programme(p, "f", p.ToString(), "n", ProgrammeKind.Training, null, null, null, null, null, "t", default)).ToList(), _ => 45);

        return Programmes.All(p => totals.GetValueOrDefault(p) == live.Where(e => e.ProgrammeId == p).Sum(e => e.Minutes))
            && summary.Sum(s => s.Minutes) == live.Sum(e => e.Minutes)
            && reversed.Count == reversals.Count
            && reversals.Count + refused == attempted
            && refused == attempted - reversed.Count;
    }
}
