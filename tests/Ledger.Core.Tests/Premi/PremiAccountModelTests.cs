using FsCheck.Xunit;
using Ledger.Core.Premi;

namespace Ledger.Core.Tests.Premi;

/// <summary>
/// The account as a pure model: whatever sequence of credits, withdrawals and reversals is attempted, the rules
/// refuse what would break it, every part stays ≥ 0 and the balance is the sum of the entries written.
/// </summary>
public sealed class PremiAccountModelTests
{
    private sealed record Entry(PremiChange Change, bool IsReversal)
    {
        public bool Reversed { get; set; }
    }

    [Property(MaxTest = 500)]
    public bool Any_sequence_of_credits_withdrawals_and_reversals_keeps_every_part_at_or_above_zero(int[] operations)
    {
        var balance = PremiBalance.Empty;
        var entries = new List<Entry>();
        foreach (var op in operations ?? [])
        {
            var amount = new Rupiah(Math.Abs((long)op) % 1_000_000 + 1);
            try
            {
                switch (Math.Abs(op % 4))
                {
                    case 0:
                        var (spendable, savings) = Rupiah.SplitSavings(amount, Math.Abs(op % 101));
                        Write(PremiAccountRules.Credit(spendable, savings), false);
                        break;
                    case 1:
                        Write(PremiAccountRules.Withdrawal(balance, op % 2 == 0 ? PremiPart.Spendable : PremiPart.Savings, amount), false);
                        break;
                    default:
                        if (entries.Count == 0)
                        {
                            break;
                        }
                        var target = entries[Math.Abs(op) % entries.Count];
                        if (target.Reversed || target.IsReversal)
                        {
                            break;
                        }
                        Write(PremiAccountRules.Reversal(balance, target.Change), true);
                        target.Reversed = true;
                        break;
                }
            }
            catch (RuleViolationException)
            {
                // Refused: nothing was written, as the store does.
            }
            if (balance.Spendable < Rupiah.Zero || balance.Savings < Rupiah.Zero || balance.TotalEarned < Rupiah.Zero)
            {
                return false;
            }
            if (balance.Spendable != Rupiah.Sum(entries.Select(e => e.Change.Spendable))
                || balance.Savings != Rupiah.Sum(entries.Select(e => e.Change.Savings))
                || balance.TotalEarned != Rupiah.Sum(entries.Select(e => e.Change.Earned)))
            {
                return false;
            }
        }
        return true;

        void Write(PremiChange change, bool isReversal)
        {
            balance = PremiAccountRules.Apply(balance, change);
            entries.Add(new Entry(change, isReversal));
        }
    }

    [Fact]
    public void A_withdrawal_beyond_a_part_is_refused_and_names_the_balance()
    {
        var balance = new PremiBalance(new Rupiah(337_500), new Rupiah(337_500), new Rupiah(675_000));
        var error = Assert.Throws<RuleViolationException>(() => PremiAccountRules.Withdrawal(balance, PremiPart.Spendable, new Rupiah(337_501)));
        Assert.Contains("Rp337.500", error.Message);
    }

    [Fact]
    public void The_release_payout_takes_both_parts_to_zero()
    {
        var balance = new PremiBalance(new Rupiah(10), new Rupiah(20), new Rupiah(30));
        Assert.Equal(new PremiBalance(Rupiah.Zero, Rupiah.Zero, new Rupiah(30)), PremiAccountRules.Apply(balance, PremiAccountRules.Payout(balance)));
    }
}
