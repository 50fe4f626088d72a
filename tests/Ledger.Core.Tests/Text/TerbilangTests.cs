using Ledger.Core.Text;

namespace Ledger.Core.Tests.Text;

/// <summary>Amounts in Indonesian words, as a kuitansi writes them beside the figures.</summary>
public sealed class TerbilangTests
{
    [Theory]
    [InlineData(0, "nol rupiah")]
    [InlineData(1, "satu rupiah")]
    [InlineData(10, "sepuluh rupiah")]
    [InlineData(11, "sebelas rupiah")]
    [InlineData(12, "dua belas rupiah")]
    [InlineData(19, "sembilan belas rupiah")]
    [InlineData(20, "dua puluh rupiah")]
    [InlineData(99, "sembilan puluh sembilan rupiah")]
    [InlineData(100, "seratus rupiah")]
    [InlineData(111, "seratus sebelas rupiah")]
    [InlineData(250, "dua ratus lima puluh rupiah")]
    [InlineData(1_000, "seribu rupiah")]
    [InlineData(1_500, "seribu lima ratus rupiah")]
    [InlineData(11_000, "sebelas ribu rupiah")]
    [InlineData(100_000, "seratus ribu rupiah")]
    [InlineData(101_000, "seratus satu ribu rupiah")]
    [InlineData(412_500, "empat ratus dua belas ribu lima ratus rupiah")]
    [InlineData(1_000_000, "satu juta rupiah")]
    [InlineData(1_001_001, "satu juta seribu satu rupiah")]
    [InlineData(9_000_000, "sembilan juta rupiah")]
    [InlineData(2_500_000_000, "dua miliar lima ratus juta rupiah")]
    [InlineData(1_000_000_000_000, "satu triliun rupiah")]
    public void An_amount_reads_as_a_kuitansi_writes_it(long amount, string words)
    {
        Assert.Equal(words, Terbilang.Rupiah(amount));
    }

    [Fact]
    public void A_negative_amount_is_not_written_in_words()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Terbilang.Rupiah(-1));
    }
}
