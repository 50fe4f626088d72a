using System.Text.Json.Nodes;
using Ledger.Core.Facilities;

namespace Ledger.Core.Tests.Facilities;

/// <summary>The release file's text settings: the head of the Lapas and the letter number's pattern.</summary>
public sealed class FacilitySettingsTextTests
{
    [Fact]
    public void The_head_and_the_letter_pattern_are_set_trimmed_and_cleared_with_null()
    {
        var set = FacilitySettingsRules.Merge(new FacilitySettings(), JsonNode.Parse("""
            {"headName": " Drs. Hendrik Saputra ", "headNip": "197503081998031002", "releaseLetterPattern": "PK.01-{n}/{yyyy}"}
            """)!.AsObject());

        Assert.Equal(("Drs. Hendrik Saputra", "197503081998031002", "PK.01-{n}/{yyyy}"), (set.HeadName, set.HeadNip, set.ReleaseLetterPattern));
        Assert.Null(FacilitySettingsRules.Merge(set, JsonNode.Parse("""{"headName": null}""")!.AsObject()).HeadName);
        Assert.Equal("W11.PAS.PAS.3-PK.01.05.xx-{n}/{yyyy}", new FacilitySettings().ReleaseLetterPattern);
    }

    [Fact]
    public void A_NIP_of_other_than_18_digits_a_pattern_without_the_number_and_a_number_as_a_name_are_refused()
    {
        var error = Assert.Throws<ValidationFailedException>(() => FacilitySettingsRules.Merge(new FacilitySettings(), JsonNode.Parse("""
            {"headNip": "1975-03", "releaseLetterPattern": "PK.01/{yyyy}", "headName": 12}
            """)!.AsObject()));

        Assert.Equal(["headName", "headNip", "releaseLetterPattern"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_letter_number_fills_the_running_number_and_the_year()
    {
        Assert.Equal("W11.PAS.PAS.3-PK.01.05.xx-7/2026", Ledger.Core.Readiness.ReleaseLetterStore.LetterNumber("W11.PAS.PAS.3-PK.01.05.xx-{n}/{yyyy}", 7, 2026));
    }
}
