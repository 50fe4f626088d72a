using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Ledger.Core.Sentences;

/// <summary>
/// Which condition of a release right, a kebab-case name with the facility's numbers in it: <c>fixed-sentence</c>,
/// <c>half-served</c>, <c>two-thirds-served</c>, <c>two-thirds-at-least-{days}-days</c>,
/// <c>sentence-at-most-{months}-months</c>, <c>no-discipline-{months}-months</c>,
/// <c>within-{months}-months-of-adjusted-expiry</c>, <c>within-last-remisi-of-adjusted-expiry</c>, <c>has-remisi</c>
/// or <c>before-adjusted-expiry</c>.
/// </summary>
/// <remarks>
/// In code the numbers are parameters of the value (<c>new NoDisciplineWithin(6)</c>), never digits to read back
/// out of a string; <see cref="ToString"/> is the one place each name is spelled.
/// </remarks>
[JsonConverter(typeof(WireNameConverter<ConditionName>))]
public abstract record ConditionName : IWireName<ConditionName>
{
    /// <summary>A fixed sentence, not life or death.</summary>
    public sealed record FixedSentence : ConditionName;

    public sealed record HalfServed : ConditionName;

    public sealed record TwoThirdsServed : ConditionName;

    /// <summary>2/3 of the sentence span is at least the parole minimum.</summary>
    public sealed record TwoThirdsAtLeast(int Days) : ConditionName;

    /// <summary>The sentence the court gave is at most the cuti bersyarat limit.</summary>
    public sealed record SentenceAtMost(int Months) : ConditionName;

    /// <summary>No register-F entry within the discipline window.</summary>
    public sealed record NoDisciplineWithin(int Months) : ConditionName;

    /// <summary>Within the last months before the adjusted expiry (cuti bersyarat).</summary>
    public sealed record WithinMonthsOfAdjustedExpiry(int Months) : ConditionName;

    /// <summary>Within the length of the last remisi before the adjusted expiry (cuti menjelang bebas).</summary>
    public sealed record WithinLastRemisiOfAdjustedExpiry : ConditionName;

    public sealed record HasRemisi : ConditionName;

    public sealed record BeforeAdjustedExpiry : ConditionName;

    /// <summary>The wire name, e.g. <c>no-discipline-6-months</c>.</summary>
    public sealed override string ToString() => this switch
    {
        FixedSentence => "fixed-sentence",
        HalfServed => "half-served",
        TwoThirdsServed => "two-thirds-served",
        TwoThirdsAtLeast(var days) => $"two-thirds-at-least-{days}-days",
        SentenceAtMost(var months) => $"sentence-at-most-{months}-months",
        NoDisciplineWithin(var months) => $"no-discipline-{months}-months",
        WithinMonthsOfAdjustedExpiry(var months) => $"within-{months}-months-of-adjusted-expiry",
        WithinLastRemisiOfAdjustedExpiry => "within-last-remisi-of-adjusted-expiry",
        HasRemisi => "has-remisi",
        BeforeAdjustedExpiry => "before-adjusted-expiry",
        _ => throw new UnreachableException($"{GetType().Name} has no wire name"),
    };

    /// <summary>The condition whose <see cref="ToString"/> is <paramref name="name"/> (see <see cref="WireNames"/>).</summary>
    public static ConditionName Parse(string name)
    {
        var number = WireNames.NumberIn(name);
        return WireNames.Pick<ConditionName>(name,
        [
            new FixedSentence(), new HalfServed(), new TwoThirdsServed(), new TwoThirdsAtLeast(number), new SentenceAtMost(number),
            new NoDisciplineWithin(number), new WithinMonthsOfAdjustedExpiry(number), new WithinLastRemisiOfAdjustedExpiry(), new HasRemisi(),
            new BeforeAdjustedExpiry(),
        ]);
    }
}
