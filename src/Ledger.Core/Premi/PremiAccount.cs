using Ledger.Core.Inmates;
using Ledger.Core.Input;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Premi;

/// <summary>The two parts of a premi account.</summary>
public enum PremiPart
{
    /// <summary>May be spent inside on basic needs.</summary>
    Spendable,

    /// <summary>Tabungan: locked until release, when it is paid out.</summary>
    Savings,
}

/// <summary>What a withdrawal is for (PP 32/1999 art. 29: basic needs inside, travel money at release; family support).</summary>
public enum WithdrawalPurpose
{
    BasicNeeds,
    TravelHome,
    Family,
}

/// <summary>The kinds of entry a premi account has.</summary>
public enum PremiEntryKind
{
    RunCredit,
    Withdrawal,
    Reversal,
    ReleasePayout,
}

/// <summary>The balances of one account: both parts and the premi earned so far (credits less reversed credits).</summary>
public readonly record struct PremiBalance(Rupiah Spendable, Rupiah Savings, Rupiah TotalEarned)
{
    public static readonly PremiBalance Empty = new(Rupiah.Zero, Rupiah.Zero, Rupiah.Zero);

    public Rupiah Of(PremiPart part) => part == PremiPart.Spendable ? Spendable : Savings;
}

/// <summary>What one entry changes: each part and the premi earned. A reversal is the negation of the entry it names.</summary>
public readonly record struct PremiChange(Rupiah Spendable, Rupiah Savings, Rupiah Earned)
{
    public PremiChange Negated => new(-Spendable, -Savings, -Earned);
}

/// <summary>
/// The account's rules as pure functions over a balance: each returns the change an entry makes, or refuses
/// (409) when a part would go below zero. The store applies exactly these changes under the account's lock.
/// </summary>
public static class PremiAccountRules
{
    public static PremiChange Credit(Rupiah spendable, Rupiah savings)
    {
        if (spendable < Rupiah.Zero || savings < Rupiah.Zero)
        {
            throw new ArgumentException("A credit is never negative.");
        }
        return new PremiChange(spendable, savings, spendable + savings);
    }

    /// <summary>A withdrawal from one part; beyond that part's balance it is refused and nothing is written.</summary>
    public static PremiChange Withdrawal(PremiBalance balance, PremiPart part, Rupiah amount)
    {
        if (amount <= Rupiah.Zero)
        {
            throw ValidationFailedException.For("amount", Fields.RupiahOneOrMore);
        }
        var available = balance.Of(part);
        if (amount > available)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.BeyondBalance, PartName(part), Format.Rupiah(available), Format.Rupiah(amount)));
        }
        return part == PremiPart.Spendable ? new PremiChange(-amount, Rupiah.Zero, Rupiah.Zero) : new PremiChange(Rupiah.Zero, -amount, Rupiah.Zero);
    }

    /// <summary>Undoes an entry's change; refused when a part (or the premi earned) would go below zero.</summary>
    public static PremiChange Reversal(PremiBalance balance, PremiChange original)
    {
        var change = original.Negated;
        var after = Apply(balance, change, throwIfNegative: false);
        if (after.Spendable < Rupiah.Zero)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.ReversalBelowZeroSpendable, Format.Rupiah(-change.Spendable), Format.Rupiah(balance.Spendable)));
        }
        if (after.Savings < Rupiah.Zero)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.ReversalBelowZeroSavings, Format.Rupiah(-change.Savings), Format.Rupiah(balance.Savings)));
        }
        if (after.TotalEarned < Rupiah.Zero)
        {
            throw new RuleViolationException(Rules.ReversalEarnedNegative);
        }
        return change;
    }

    /// <summary>After the release both parts are paid out: the account closes at zero.</summary>
    public static PremiChange Payout(PremiBalance balance) => new(-balance.Spendable, -balance.Savings, Rupiah.Zero);

    /// <summary>The balance after a change; a negative part is a broken invariant here, since every change was checked.</summary>
    public static PremiBalance Apply(PremiBalance balance, PremiChange change) => Apply(balance, change, throwIfNegative: true);

    private static PremiBalance Apply(PremiBalance balance, PremiChange change, bool throwIfNegative)
    {
        var after = new PremiBalance(balance.Spendable + change.Spendable, balance.Savings + change.Savings, balance.TotalEarned + change.Earned);
        if (throwIfNegative && (after.Spendable < Rupiah.Zero || after.Savings < Rupiah.Zero || after.TotalEarned < Rupiah.Zero))
        {
            throw new InvalidOperationException($"A premi change would make a balance negative: {balance} + {change}.");
        }
        return after;
    }

    /// <summary>Tabungan is locked until release; before it, only travel money or support for the family may come out of it.</summary>
    public static void CheckPurpose(PremiPart part, WithdrawalPurpose purpose)
    {
        if (part == PremiPart.Savings && purpose == WithdrawalPurpose.BasicNeeds)
        {
            throw new RuleViolationException(Rules.TabunganKeptUntilRelease);
        }
    }

    public static string PartName(PremiPart part) => part == PremiPart.Spendable ? Rules.PartSpendable : Rules.PartSavings;

    /// <summary>Checks a withdrawal request (every field named at once, then the purpose against the part) and returns it complete.</summary>
    public static ValidWithdrawal ValidateWithdrawal(NewWithdrawal input)
    {
        var errors = new FieldErrors();
        errors.Required(input.Part, "part");
        if (errors.Required(input.Amount, "amount") && input.Amount < 1)
        {
            errors.Add("amount", Fields.RupiahOneOrMore);
        }
        errors.Required(input.Purpose, "purpose");
        errors.Text(input.Note, "note", 500, required: false, multiLine: true);
        errors.ThrowIfAny();
        CheckPurpose(input.Part!.Value, input.Purpose!.Value);
        return new ValidWithdrawal(input.Part.Value, new Rupiah(input.Amount!.Value), input.Purpose.Value, FreeText.Clean(input.Note));
    }

    /// <summary>An account closed by the release payout takes no further entry.</summary>
    public static void CheckOpen(LocalDate? closedOn)
    {
        if (closedOn is not null)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.AccountClosedAtRelease, Format.Date(closedOn)));
        }
    }

    /// <summary>An entry is reversed at most once, and neither a reversal nor the release payout is reversed.</summary>
    public static void CheckReversible(PremiEntryKind kind, Guid? reversedBy)
    {
        if (kind == PremiEntryKind.Reversal)
        {
            throw new RuleViolationException(Rules.ReversalNotReversed);
        }
        if (kind == PremiEntryKind.ReleasePayout)
        {
            throw new RuleViolationException(Rules.PayoutNotReversed);
        }
        if (reversedBy is { } by)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.EntryAlreadyReversed, by));
        }
    }
}

/// <summary>One entry of a premi account with the balance after it (the running balance).</summary>
public sealed record PremiEntry(
    PremiEntryId Id,
    long Version,
    PremiEntryKind Kind,
    Rupiah SpendableChange,
    Rupiah SavingsChange,
    Rupiah EarnedChange,
    Rupiah SpendableAfter,
    Rupiah SavingsAfter,
    string FacilityCode,
    PremiRunId? RunId,
    WithdrawalPurpose? Purpose,
    string? Note,
    PremiEntryId? ReversesEntryId,
    PremiEntryId? ReversedByEntryId,
    string? Reason,
    string RecordedBy,
    Instant RecordedAt);

/// <summary>
/// A person's premi account: both parts, the premi earned, every entry with its running balance and, once finance
/// has paid it out after the release, that payout (null before).
/// </summary>
public sealed record PremiAccount(InmateId InmateId, Rupiah Spendable, Rupiah Savings, Rupiah TotalEarned, long Version, LocalDate? ClosedOn, IReadOnlyList<PremiEntry> Entries,
    ReleasePayout? Payout);

/// <summary>The request to withdraw from one part of an account.</summary>
public sealed record NewWithdrawal(PremiPart? Part, long? Amount, WithdrawalPurpose? Purpose, string? Note);

/// <summary>A withdrawal request that passed <see cref="PremiAccountRules.ValidateWithdrawal"/>: every field present, the note trimmed or null.</summary>
public sealed record ValidWithdrawal(PremiPart Part, Rupiah Amount, WithdrawalPurpose Purpose, string? Note);
