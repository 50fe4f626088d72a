using Ledger.Core.Text;
using NodaTime;
using Xunit;

namespace Ledger.Core.Tests.Text;

/// <summary>The catalogue answers in the reader's language, and dates and money are written the way each reader expects.</summary>
public sealed class FormatTests
{
    private static readonly LocalDate Day = new(2026, 11, 30);

    [Fact]
    public void An_Indonesian_reader_gets_the_day_in_words_and_rupiah_with_dots() =>
        Language.In(Language.Indonesian, () =>
        {
            Assert.Equal("30 November 2026", Format.Date(Day));
            Assert.Equal("17 Agustus 2025", Format.Date(new LocalDate(2025, 8, 17)));
            Assert.Equal("Rp600.000", Format.Rupiah(600_000));
            Assert.Equal("1 tahun 6 bulan", Format.Period(1, 6, 0));
            Assert.Equal("53,3", Format.Number(53.3m));
            Assert.Equal("5.400", Format.Count(5400));
            return 0;
        });

    [Fact]
    public void An_English_reader_gets_the_iso_day_the_api_always_answered() =>
        Language.In(Language.English, () =>
        {
            Assert.Equal("2026-11-30", Format.Date(Day));
            Assert.Equal("17 August 2025", Format.LongDate(new LocalDate(2025, 8, 17)));
            Assert.Equal("1 year(s) 6 month(s)", Format.Period(1, 6, 0));
            Assert.Equal("5,400", Format.Count(5400));
            return 0;
        });

    [Theory]
    [InlineData("id", "id")]
    [InlineData("id-ID", "id")]
    [InlineData("EN-gb", "en")]
    [InlineData("ind", null)]
    [InlineData("fr", null)]
    [InlineData(null, null)]
    public void A_language_tag_finds_one_of_the_two_languages(string? tag, string? expected) =>
        Assert.Equal(expected, Language.Find(tag)?.Name);
}
