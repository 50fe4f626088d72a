using Ledger.Core.Facilities;
using NodaTime;

namespace Ledger.Core.Tests.Facilities;

public sealed class FacilityRulesTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("lapas-cirebon", true)]
    [InlineData("lapas-kelas-1", true)]
    [InlineData("Lapas-Cirebon", false)]
    [InlineData("lapas_cirebon", false)]
    [InlineData("-lapas", false)]
    [InlineData("lapas--x", false)]
    [InlineData("", false)]
    public void Codes_are_lower_case_slugs(string code, bool valid) => Assert.Equal(valid, FacilityRules.IsSlug(code));

    [Theory]
    [InlineData("Asia/Jakarta", true)]
    [InlineData("Asia/Makassar", true)]
    [InlineData("Asia/Jayapura", true)]
    [InlineData("WIB", false)]
    [InlineData("Asia/Bandung", false)]
    public void Time_zones_are_IANA_names(string zone, bool valid) => Assert.Equal(valid, FacilityRules.IsTimeZone(zone));

    [Fact]
    public void Today_is_the_day_in_the_facilitys_zone()
    {
        var cirebon = new Facility("lapas-cirebon", "Lapas Kelas I Cirebon", "jawa-barat", "Asia/Jakarta", new FacilitySettings(), Instant.MinValue);
        var jayapura = cirebon with { TimeZone = "Asia/Jayapura" };
        var instant = Instant.FromUtc(2025, 10, 16, 23, 30);

        Assert.Equal(new LocalDate(2025, 10, 17), cirebon.DateAt(instant));
        Assert.Equal(new LocalDate(2025, 10, 17), jayapura.DateAt(Instant.FromUtc(2025, 10, 16, 15, 0)));
        Assert.Equal(new LocalDate(2025, 10, 16), cirebon.DateAt(Instant.FromUtc(2025, 10, 16, 16, 59)));
    }

    [Fact]
    public void Every_missing_or_malformed_field_is_reported()
    {
        var errors = Assert.Throws<ValidationFailedException>(() => FacilityRules.Validate(new NewFacility("Bad Code", null, "jawa barat", "Mars/Olympus"))).Errors;
        Assert.Equal(["code", "name", "region", "timeZone"], errors.Keys.Order());
    }

    [Fact]
    public void Settings_absent_from_the_stored_json_take_their_documented_defaults()
    {
        var settings = System.Text.Json.JsonSerializer.Deserialize<FacilitySettings>("""{"minutesPerJp": 40}""", Web)!;
        Assert.Equal(40, settings.MinutesPerJp);
        Assert.Equal(600, settings.MaxTrainingMinutesPerDay);
        Assert.Equal(90, settings.AlmostWithinDays);
    }
}
