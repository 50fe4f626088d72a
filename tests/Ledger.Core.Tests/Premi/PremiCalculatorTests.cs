using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using Ledger.Core.Work;
using NodaTime;

namespace Ledger.Core.Tests.Premi;

/// <summary>Each kind of scheme with the worked examples of domain.md, computed without a database.</summary>
public sealed class PremiCalculatorTests
{
    private static readonly LocalDate Start = new(2025, 9, 29);

    private static PremiSchemeVersion Scheme(PremiSchemeKind kind, long? rate = null, int? percent = null, int? minDays = null, int savings = 50, long? cap = null) =>
        new(Guid.NewGuid(), 1, "Contoh", kind, rate is { } r ? new Rupiah(r) : null, percent, 240, minDays, savings, cap is { } c ? new Rupiah(c) : null,
            new LocalDate(2025, 1, 1), null, "finance", Instant.FromUtc(2025, 1, 1, 0, 0));

    private static List<LocalDate> WorkingDays()
    {
        var days = new List<LocalDate>();
        for (var d = Start; d <= new LocalDate(2025, 10, 16); d = d.PlusDays(1))
        {
            if (d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            {
                days.Add(d);
            }
        }
        return days;
    }

    /// <summary>The story: 40 workers, 14 working days, 9 nets a day on the first five and 10 on the rest.</summary>
    private static List<PayableRecord> CoirNets()
    {
        var days = WorkingDays();
        return Enumerable.Range(1, 40).SelectMany(n =>
        {
            var inmate = new InmateId(Guid.NewGuid());
            return days.Select((d, i) => new PayableRecord(new WorkRecordId(Guid.NewGuid()), inmate, $"CRB-{n:0000}", $"Pekerja {n}", d, 420,
                i < 5 ? 9 : 10, "jaring", null, false));
        }).ToList();
    }

    [Fact]
    public void Piece_rate_40_workers_with_135_nets_at_Rp5000_is_Rp675000_each_and_Rp27000000_in_all()
    {
        var records = CoirNets();
        Assert.Equal(14, WorkingDays().Count);
        Assert.Equal(5_400, records.Sum(r => r.UnitsPassed));

        var result = PremiCalculator.Compute(Scheme(PremiSchemeKind.PieceRate, rate: 5_000), records, [], null);

        Assert.Equal(new Rupiah(27_000_000), result.Total);
        Assert.Equal(40, result.Lines.Count);
        Assert.All(result.Lines, l => Assert.Equal((new Rupiah(675_000), new Rupiah(337_500), new Rupiah(337_500)), (l.Gross, l.Spendable, l.Savings)));
        Assert.Equal("135 jaring lolos QC × Rp5.000 = Rp675.000; 50% tabungan Rp337.500", result.Lines[0].Explanation);
        Assert.Equal(result.Total, Rupiah.Sum(result.Paid.Select(p => p.Amount)));
    }

    [Fact]
    public void Day_rate_counts_a_day_from_the_minimum_minutes()
    {
        var inmate = new InmateId(Guid.NewGuid());
        PayableRecord Record(int day, int minutes) => new(new WorkRecordId(Guid.NewGuid()), inmate, "CRB-0001", "A", new LocalDate(2025, 10, day), minutes, 1, "unit", null, false);
        var records = new[] { Record(1, 240), Record(2, 239), Record(3, 200), Record(3, 100) };

        var result = PremiCalculator.Compute(Scheme(PremiSchemeKind.DayRate, rate: 50_000), records, [], null);

        Assert.Equal(2, result.Lines[0].BasisQuantity);
        Assert.Equal(new Rupiah(100_000), result.Lines[0].Gross);
        Assert.Single(result.Excluded);
        // The day with two records shares its rate by minutes: 200 and 100 → 33.333,33 and 16.666,67; the leftover
        // rupiah goes to the larger remainder → 33.333 and 16.667 (sum 50.000).
        Assert.Equal([new Rupiah(50_000), new Rupiah(33_333), new Rupiah(16_667)], result.Paid.Select(p => p.Amount).OrderDescending());
    }

    [Fact]
    public void Monthly_pays_Rp600000_a_month_with_at_least_the_minimum_days_and_leaves_out_short_months()
    {
        var records = CoirNets();

        var result = PremiCalculator.Compute(Scheme(PremiSchemeKind.Monthly, rate: 600_000, minDays: 10), records, [], null);

        Assert.Equal(new Rupiah(24_000_000), result.Total);
        Assert.All(result.Lines, l => Assert.Equal((1L, new Rupiah(600_000), new Rupiah(300_000)), (l.BasisQuantity, l.Gross, l.Savings)));
        Assert.Equal(80, result.Excluded.Count);
        Assert.Contains("2 hari kerja di September 2025", result.Excluded[0].Reason);
    }

    [Fact]
    public void Profit_share_of_Rp1000000_among_three_equal_shares_is_333334_333333_333333_by_registration_number()
    {
        var records = new[] { "CRB-0003", "CRB-0001", "CRB-0002" }.Select(n => new PayableRecord(new WorkRecordId(Guid.NewGuid()), new InmateId(Guid.NewGuid()), n, n,
            new LocalDate(2025, 10, 1), 420, 10, "jaring", null, false)).ToList();

        var result = PremiCalculator.Compute(Scheme(PremiSchemeKind.ProfitShare, percent: 50), records, [], new ProfitPool(new Rupiah(3_000_000), new Rupiah(1_000_000)));

        Assert.Equal(["CRB-0001", "CRB-0002", "CRB-0003"], result.Lines.Select(l => l.RegistrationNumber));
        Assert.Equal([new Rupiah(333_334), new Rupiah(333_333), new Rupiah(333_333)], result.Lines.Select(l => l.Gross));
        Assert.Equal(new Rupiah(1_000_000), result.Total);
        Assert.Contains("10 dari 30 jaring lolos QC × 50% dari laba Rp2.000.000", result.Lines[0].Explanation);
    }

    [Fact]
    public void A_released_workers_profit_share_is_withheld_not_handed_to_the_others()
    {
        var records = new[] { "CRB-0001", "CRB-0002", "CRB-0003" }.Select((n, i) => new PayableRecord(new WorkRecordId(Guid.NewGuid()), new InmateId(Guid.NewGuid()), n, n,
            new LocalDate(2025, 10, 1), 420, 10, "jaring", null, AccountClosed: i == 0)).ToList();

        var result = PremiCalculator.Compute(Scheme(PremiSchemeKind.ProfitShare, percent: 50), records, [], new ProfitPool(new Rupiah(3_000_000), new Rupiah(1_000_000)));

        Assert.Equal(["CRB-0002", "CRB-0003"], result.Lines.Select(l => l.RegistrationNumber));
        Assert.Equal([new Rupiah(333_333), new Rupiah(333_333)], result.Lines.Select(l => l.Gross));
        Assert.Contains("sudah bebas", Assert.Single(result.Excluded).Reason);
    }

    [Fact]
    public void A_monthly_cap_counts_what_the_scheme_already_paid_that_month()
    {
        var inmate = new InmateId(Guid.NewGuid());
        var records = new[] { new PayableRecord(new WorkRecordId(Guid.NewGuid()), inmate, "CRB-0001", "A", new LocalDate(2025, 10, 20), 420, 100, "jaring", null, false) };
        var earlier = new[] { new PaidWork(inmate, new LocalDate(2025, 10, 2), new PremiRunId(Guid.NewGuid()), new Rupiah(450_000)) };

        var result = PremiCalculator.Compute(Scheme(PremiSchemeKind.PieceRate, rate: 5_000, cap: 500_000), records, earlier, null);

        Assert.Equal(new Rupiah(50_000), result.Lines[0].Gross);
        Assert.Contains("sudah dibayar Rp450.000", result.Lines[0].Explanation);
    }

    [Fact]
    public void A_record_already_paid_by_the_scheme_is_left_out_with_the_reason()
    {
        var run = new PremiRunId(Guid.NewGuid());
        var records = CoirNets().Select((r, i) => i % 2 == 0 ? r with { PaidBy = run } : r).ToList();

        var result = PremiCalculator.Compute(Scheme(PremiSchemeKind.PieceRate, rate: 1), records, [], null);

        Assert.Equal(280, result.Excluded.Count);
        Assert.All(result.Excluded, e => Assert.Contains(run.ToString(), e.Reason));
        Assert.Equal(new Rupiah(records.Where(r => r.PaidBy is null).Sum(r => r.UnitsPassed)), result.Total);
    }
}
