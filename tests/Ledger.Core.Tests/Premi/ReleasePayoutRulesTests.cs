using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using NodaTime;

namespace Ledger.Core.Tests.Premi;

/// <summary>Who may be paid out after release, what is paid and the receipt's number, without a database.</summary>
public sealed class ReleasePayoutRulesTests
{
    private static readonly LocalDate Released = new(2025, 11, 20);

    private static ReleasePayout Earlier()
    {
        var entry = new PremiEntry(new PremiEntryId(Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")), 3, PremiEntryKind.ReleasePayout, new Rupiah(-75_000),
            new Rupiah(-337_500), Rupiah.Zero, Rupiah.Zero, Rupiah.Zero, "lapas-cirebon", null, null, null, null, null, null, "finance-cirebon", Instant.FromUtc(2025, 11, 21, 3, 0));
        return new ReleasePayout(new InmateId(Guid.CreateVersion7()), "CRB-0009", "Asep Hidayat", "lapas-cirebon", "KW-20251121-2E3F4A5B", Released,
            new LocalDate(2025, 11, 21), new Rupiah(75_000), new Rupiah(337_500), new Rupiah(412_500), "finance-cirebon", entry);
    }

    [Fact]
    public void A_released_person_not_yet_paid_out_is_payable()
    {
        ReleasePayoutRules.CheckPayable("Asep Hidayat", Released, earlier: null);
    }

    [Fact]
    public void A_person_whose_release_is_not_recorded_is_refused_with_the_reason()
    {
        var refused = Assert.Throws<RuleViolationException>(() => ReleasePayoutRules.CheckPayable("Asep Hidayat", null, null));
        Assert.Equal("The release of Asep Hidayat is not recorded yet: the premi is paid out once the Lapas admin records the release date.", refused.Message);
    }

    [Fact]
    public void A_second_payout_is_refused_naming_the_first_its_date_receipt_and_amounts()
    {
        var refused = Assert.Throws<RuleViolationException>(() => ReleasePayoutRules.CheckPayable("Asep Hidayat", Released, Earlier()));
        Assert.Equal("The premi of Asep Hidayat was already paid out on 2025-11-21 (receipt KW-20251121-2E3F4A5B): spendable Rp75.000, "
            + "tabungan Rp337.500, total Rp412.500. It is not paid again.", refused.Message);
    }

    [Fact]
    public void The_payout_takes_both_parts_to_zero_and_leaves_the_premi_earned()
    {
        var change = PremiAccountRules.Payout(new PremiBalance(new Rupiah(75_000), new Rupiah(337_500), new Rupiah(900_000)));
        Assert.Equal(new PremiChange(new Rupiah(-75_000), new Rupiah(-337_500), Rupiah.Zero), change);
    }

    [Fact]
    public void The_receipt_number_is_the_payment_day_and_the_random_end_of_the_entry_id()
    {
        var number = ReleasePayoutRules.ReceiptNumber(new PremiEntryId(Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")), new LocalDate(2025, 11, 21));
        Assert.Equal("KW-20251121-2E3F4A5B", number);
    }
}
