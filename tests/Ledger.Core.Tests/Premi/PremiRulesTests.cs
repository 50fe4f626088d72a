using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using NodaTime;

namespace Ledger.Core.Tests.Premi;

/// <summary>The checks of a run's approval and cancellation and of an account's withdrawals and reversals, without a database.</summary>
public sealed class PremiRulesTests
{
    private static readonly PremiRunLine Line = new(1, new InmateId(Guid.CreateVersion7()), "CRB-0001", "Budi", 10, PremiBasisUnit.UnitsPassed, "10 net",
        new Rupiah(50_000), new Rupiah(25_000), new Rupiah(25_000), "10 × Rp5.000");

    private static PremiRun Run(PremiRunStatus status = PremiRunStatus.Draft, string createdBy = "finance-1", IReadOnlyList<PremiRunLine>? lines = null) =>
        new(new PremiRunId(Guid.CreateVersion7()), "lapas-cirebon", new PremiSchemeId(Guid.CreateVersion7()), Guid.CreateVersion7(), 1, "Jaring",
            PremiSchemeKind.PieceRate, null, new LocalDate(2025, 10, 1), new LocalDate(2025, 10, 31), status, new Rupiah(50_000), new Rupiah(25_000),
            new Rupiah(25_000), 1, lines ?? [Line], [], createdBy, Instant.FromUtc(2025, 11, 1, 0, 0),
            status == PremiRunStatus.Approved ? "finance-2" : null, null, status == PremiRunStatus.Cancelled ? "finance-2" : null, null, null);

    [Fact]
    public void A_draft_is_approved_by_another_finance_user_at_the_total_they_checked()
    {
        PremiRunRules.CheckApproval(Run(), "finance-2", new ApprovePremiRun(50_000));
        PremiRunRules.CheckApproval(Run(), "finance-2", null);
    }

    [Fact]
    public void Approval_is_refused_to_the_creator_at_another_total_for_no_lines_and_after_a_decision()
    {
        Assert.Contains("Four-eyes", Assert.Throws<RuleViolationException>(() => PremiRunRules.CheckApproval(Run(), "finance-1", null)).Message);
        Assert.Contains("not Rp49.999", Assert.Throws<RuleViolationException>(() => PremiRunRules.CheckApproval(Run(), "finance-2", new ApprovePremiRun(49_999))).Message);
        Assert.Contains("no lines", Assert.Throws<RuleViolationException>(() => PremiRunRules.CheckApproval(Run(lines: []), "finance-2", null)).Message);
        Assert.Contains("already approved", Assert.Throws<RuleViolationException>(() => PremiRunRules.CheckApproval(Run(PremiRunStatus.Approved), "finance-3", null)).Message);
        Assert.Contains("cancelled", Assert.Throws<RuleViolationException>(() => PremiRunRules.CheckApproval(Run(PremiRunStatus.Cancelled), "finance-3", null)).Message);
        Assert.Contains("expectedTotal", Assert.Throws<ValidationFailedException>(() => PremiRunRules.ValidateApproval(new ApprovePremiRun(-1))).Errors.Keys);
    }

    [Fact]
    public void Only_a_draft_is_cancelled()
    {
        PremiRunRules.CheckCancellable(Run());
        Assert.Contains("reversing", Assert.Throws<RuleViolationException>(() => PremiRunRules.CheckCancellable(Run(PremiRunStatus.Approved))).Message);
        Assert.Contains("already cancelled", Assert.Throws<RuleViolationException>(() => PremiRunRules.CheckCancellable(Run(PremiRunStatus.Cancelled))).Message);
    }

    [Fact]
    public void A_withdrawal_request_names_every_missing_field_and_keeps_tabungan_for_release()
    {
        var errors = Assert.Throws<ValidationFailedException>(() => PremiAccountRules.ValidateWithdrawal(new NewWithdrawal(null, 0, null, null))).Errors;
        Assert.Equal(["amount", "part", "purpose"], errors.Keys.Order());
        Assert.Throws<RuleViolationException>(() => PremiAccountRules.ValidateWithdrawal(new NewWithdrawal(PremiPart.Savings, 1_000, WithdrawalPurpose.BasicNeeds, null)));

        var valid = PremiAccountRules.ValidateWithdrawal(new NewWithdrawal(PremiPart.Savings, 1_000, WithdrawalPurpose.Family, "  Kiriman  "));

        Assert.Equal(new ValidWithdrawal(PremiPart.Savings, new Rupiah(1_000), WithdrawalPurpose.Family, "Kiriman"), valid);
    }

    [Fact]
    public void An_entry_is_reversed_once_and_a_closed_account_takes_no_entry()
    {
        PremiAccountRules.CheckReversible(PremiEntryKind.Withdrawal, null);
        PremiAccountRules.CheckOpen(null);
        Assert.Throws<RuleViolationException>(() => PremiAccountRules.CheckReversible(PremiEntryKind.Reversal, null));
        Assert.Throws<RuleViolationException>(() => PremiAccountRules.CheckReversible(PremiEntryKind.ReleasePayout, null));
        Assert.Contains("already reversed", Assert.Throws<RuleViolationException>(() => PremiAccountRules.CheckReversible(PremiEntryKind.RunCredit, Guid.CreateVersion7())).Message);
        Assert.Contains("2025-11-20", Assert.Throws<RuleViolationException>(() => PremiAccountRules.CheckOpen(new LocalDate(2025, 11, 20))).Message);
    }
}
