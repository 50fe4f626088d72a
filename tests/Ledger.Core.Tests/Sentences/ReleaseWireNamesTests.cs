using System.Text.Json;
using Ledger.Core.Readiness;
using Ledger.Core.Sentences;

namespace Ledger.Core.Tests.Sentences;

/// <summary>
/// The names of conditions, checklist items, release bases and worklist events are typed in Core and spelled on the
/// wire exactly as before they were typed: each name reads back into the value it was written from.
/// </summary>
public sealed class ReleaseWireNamesTests
{
    public static TheoryData<string> ConditionNames =>
    [
        "fixed-sentence", "half-served", "two-thirds-served", "two-thirds-at-least-270-days", "sentence-at-most-12-months",
        "no-discipline-6-months", "no-discipline-12-months", "within-4-months-of-adjusted-expiry", "within-last-remisi-of-adjusted-expiry",
        "has-remisi", "before-adjusted-expiry",
    ];

    public static TheoryData<string> ChecklistItemNames =>
        ["competent-certificate-valid-at-release", "required-training-reached", "savings-for-travel-home", "no-discipline-6-months"];

    [Theory]
    [MemberData(nameof(ConditionNames))]
    public void A_condition_name_reads_back_into_the_value_that_writes_it(string name)
    {
        var condition = ConditionName.Parse(name);
        Assert.Equal(name, condition.ToString());
        Assert.Equal(condition, ConditionName.Parse(condition.ToString()));
    }

    [Theory]
    [MemberData(nameof(ChecklistItemNames))]
    public void A_checklist_item_name_reads_back_into_the_value_that_writes_it(string name)
    {
        var item = ChecklistItemName.Parse(name);
        Assert.Equal(name, item.ToString());
        Assert.Equal(item, ChecklistItemName.Parse(item.ToString()));
    }

    [Fact]
    public void The_numbers_are_parameters_of_the_value_not_digits_in_a_string()
    {
        Assert.Equal(new ConditionName.NoDisciplineWithin(6), ConditionName.Parse("no-discipline-6-months"));
        Assert.Equal(new ConditionName.TwoThirdsAtLeast(270), ConditionName.Parse("two-thirds-at-least-270-days"));
        Assert.Equal(new ConditionName.WithinMonthsOfAdjustedExpiry(4), ConditionName.Parse("within-4-months-of-adjusted-expiry"));
        Assert.Equal(new ConditionName.SentenceAtMost(12), ConditionName.Parse("sentence-at-most-12-months"));
        Assert.Equal(new ChecklistItemName.NoDisciplineWithin(3), ChecklistItemName.Parse("no-discipline-3-months"));
    }

    /// <summary>Every kind of condition and checklist item has a name and is read back: a new kind cannot be forgotten in Parse.</summary>
    [Fact]
    public void Every_kind_round_trips()
    {
        foreach (var value in EveryKind<ConditionName>())
        {
            Assert.Equal(value, ConditionName.Parse(value.ToString()));
        }
        foreach (var value in EveryKind<ChecklistItemName>())
        {
            Assert.Equal(value, ChecklistItemName.Parse(value.ToString()));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-discipline-months")]
    [InlineData("no-discipline-06-months")]
    [InlineData("no-discipline-6-months-")]
    [InlineData("within-last-4-months-of-adjusted-expiry")]
    [InlineData("Fixed-Sentence")]
    public void A_name_no_value_writes_is_refused(string name)
    {
        Assert.Throws<FormatException>(() => ConditionName.Parse(name));
        Assert.Throws<FormatException>(() => ChecklistItemName.Parse(name));
    }

    [Fact]
    public void In_JSON_a_name_is_its_string()
    {
        var item = new ChecklistItem(new ChecklistItemName.NoDisciplineWithin(6), false, "x");
        var json = JsonSerializer.Serialize(item);
        Assert.Equal("""{"Item":"no-discipline-6-months","Passed":false,"Detail":"x"}""", json);
        Assert.Equal(item, JsonSerializer.Deserialize<ChecklistItem>(json));
        Assert.Equal("\"two-thirds-at-least-270-days\"", JsonSerializer.Serialize<ConditionName>(new ConditionName.TwoThirdsAtLeast(270)));
        Assert.Equal(new ConditionName.HasRemisi(), JsonSerializer.Deserialize<ConditionName>("\"has-remisi\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ConditionName>("\"no-such-condition\""));
    }

    [Fact]
    public void Bases_and_worklist_events_are_spelled_as_before()
    {
        Assert.Equal(["pembebasan-bersyarat", "cuti-bersyarat", "cuti-menjelang-bebas", "ekspirasi", "released", "no-expiry"],
            Enum.GetValues<ReleaseBasis>().Select(Wire.Of));
        Assert.Equal(["asimilasi", "pembebasan-bersyarat", "cuti-bersyarat", "cuti-menjelang-bebas", "ekspirasi"],
            Enum.GetValues<ReleaseEventKind>().Select(Wire.Of));
    }

    /// <summary>One value of each nested kind of <typeparamref name="T"/>, built with 7 for any number it carries.</summary>
    private static IEnumerable<T> EveryKind<T>() => typeof(T).GetNestedTypes()
        .Where(t => t.IsSubclassOf(typeof(T)))
        .Select(t => (T)Activator.CreateInstance(t, [.. t.GetConstructors().Single(c => c.GetParameters().All(p => p.ParameterType == typeof(int))).GetParameters().Select(_ => (object)7)])!);
}
