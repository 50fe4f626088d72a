using FsCheck.Xunit;
using Ledger.Core.Premi;

namespace Ledger.Core.Tests.Premi;

public sealed class RupiahTests
{
    private static (Rupiah Pool, long[] Weights) Normalize(long pool, long[]? weights)
    {
        var positivePool = new Rupiah(Math.Abs(pool % 1_000_000_000_000_000));
        var w = (weights ?? []).Select(x => Math.Abs(x % 1_000_000_000_000)).ToList();
        if (!w.Any(x => x > 0))
        {
            w.Add(1);
        }
        return (positivePool, w.ToArray());
    }

    [Property(MaxTest = 500)]
    public bool Allocation_always_adds_up_exactly_to_the_pool(long pool, long[] weights)
    {
        var (p, w) = Normalize(pool, weights);
        return Rupiah.Sum(Rupiah.Allocate(p, w)) == p;
    }

    [Property(MaxTest = 500)]
    public bool Each_share_is_within_one_rupiah_of_its_exact_share(long pool, long[] weights)
    {
        var (p, w) = Normalize(pool, weights);
        var shares = Rupiah.Allocate(p, w);
        var total = w.Aggregate(Int128.Zero, (s, x) => s + x);
        // share − pool × w / total lies in (−1, 1), written without division: |share × total − pool × w| < total.
        return shares.Select((share, i) => Int128.Abs((Int128)share.Value * total - (Int128)p.Value * w[i]) < total).All(ok => ok);
    }

    [Property(MaxTest = 300)]
    public bool Allocation_is_deterministic_and_never_negative(long pool, long[] weights)
    {
        var (p, w) = Normalize(pool, weights);
        var first = Rupiah.Allocate(p, w);
        var second = Rupiah.Allocate(p, w.ToArray());
        return first.SequenceEqual(second) && first.All(s => s >= Rupiah.Zero);
    }

    [Property(MaxTest = 300)]
    public bool The_savings_split_always_adds_up_to_the_gross(long gross, byte percent)
    {
        var g = new Rupiah(Math.Abs(gross % 1_000_000_000_000_000));
        var pct = percent % 101;
        var (spendable, savings) = Rupiah.SplitSavings(g, pct);
        return spendable + savings == g && savings.Value == (long)((Int128)g.Value * pct / 100);
    }

    [Fact]
    public void Rp1000000_among_three_equal_shares_is_333334_333333_333333()
    {
        Assert.Equal([new Rupiah(333_334), new Rupiah(333_333), new Rupiah(333_333)], Rupiah.Allocate(new Rupiah(1_000_000), [1, 1, 1]));
    }

    [Fact]
    public void Leftover_rupiah_go_to_the_largest_remainders_and_ties_to_the_earlier_position()
    {
        // Exact shares 10 × 2/7 = 2.857, 10 × 2/7 = 2.857, 10 × 3/7 = 4.286: floors 2 + 2 + 4 = 8, the two leftover go to the two .857s.
        Assert.Equal([new Rupiah(3), new Rupiah(3), new Rupiah(4)], Rupiah.Allocate(new Rupiah(10), [2, 2, 3]));
        Assert.Equal([new Rupiah(1), new Rupiah(0)], Rupiah.Allocate(new Rupiah(1), [5, 5]));
    }

    [Fact]
    public void Rp33633_at_50_percent_is_16816_tabungan_and_16817_spendable()
    {
        Assert.Equal((new Rupiah(16_817), new Rupiah(16_816)), Rupiah.SplitSavings(new Rupiah(33_633), 50));
    }

    [Fact]
    public void Pool_times_weight_beyond_a_long_is_still_exact()
    {
        var shares = Rupiah.Allocate(new Rupiah(long.MaxValue), [long.MaxValue, 1]);
        Assert.Equal(new Rupiah(long.MaxValue), Rupiah.Sum(shares));
    }

    [Fact]
    public void Money_arithmetic_refuses_to_wrap()
    {
        Assert.Throws<OverflowException>(() => new Rupiah(long.MaxValue) + new Rupiah(1));
    }

    [Fact]
    public void Amounts_are_written_the_indonesian_way()
    {
        Assert.Equal("Rp675.000", new Rupiah(675_000).ToString());
        Assert.Equal("Rp27.000.000", new Rupiah(27_000_000).ToString());
        Assert.Equal("Rp0", Rupiah.Zero.ToString());
        Assert.Equal("−Rp5.000", new Rupiah(-5_000).ToString());
    }
}
