using Ledger.Core.Input;

namespace Ledger.Core.Tests.Input;

public sealed class ReasonRuleTests
{
    [Fact]
    public void A_reason_is_trimmed_and_may_span_lines()
    {
        Assert.Equal("salah orang\ndobel", ReasonRule.Validate("  salah orang\ndobel "));
    }

    [Fact]
    public void A_reason_of_500_characters_passes_and_one_of_501_is_refused_as_the_database_would()
    {
        Assert.Equal(500, ReasonRule.Validate(new string('x', 500)).Length);
        var refused = Assert.Throws<ValidationFailedException>(() => ReasonRule.Validate(new string('x', 501)));
        Assert.Contains("500", Assert.Single(refused.Errors["reason"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_blank_reason_is_required()
    {
        Assert.Equal(["is required"], Assert.Throws<ValidationFailedException>(() => ReasonRule.Validate(null)).Errors["reason"]);
        Assert.Equal(["is required"], Assert.Throws<ValidationFailedException>(() => ReasonRule.Validate("  ")).Errors["reason"]);
    }
}
