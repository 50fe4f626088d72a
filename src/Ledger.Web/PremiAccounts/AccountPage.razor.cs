using System.Globalization;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Pipeline;
using Ledger.Core.Premi;
using Ledger.Core.Text;
using Ledger.Web.Shell;
using Microsoft.AspNetCore.Components;
using NodaTime;

namespace Ledger.Web.PremiAccounts;

/// <summary>The account page's reads and its one write, the withdrawal, through the same Core call as POST /inmates/{id}/premi/withdrawals.</summary>
public partial class AccountPage
{
    [Parameter] public Guid Id { get; set; }

    [SupplyParameterFromForm(FormName = "withdrawal")] private WithdrawalForm? Form { get; set; }

    [Inject] private PageCall Call { get; set; } = null!;

    [Inject] private InmateStore Inmates { get; set; } = null!;

    [Inject] private PremiAccountStore AccountStore { get; set; } = null!;

    private Outcome<AccountView>? outcome;
    private string? problem;
    private string? saved;
    private Dictionary<string, List<string>> fieldErrors = [];

    private InmateId PersonId => InmateId.From(Id);

    private sealed record AccountView(Facility Facility, Inmate Person, PremiAccount Account, bool MayWithdraw, LocalDate Today);

    /// <summary>The withdrawal as posted: every field text, checked by Core (the amount parsed here, whole rupiah).</summary>
    public sealed class WithdrawalForm
    {
        public string? Part { get; set; } = "spendable";
        public string? Purpose { get; set; }
        public string? Amount { get; set; }
        public string? Note { get; set; }
    }

    protected override Task OnInitializedAsync()
    {
        Form ??= new();
        return LoadAsync();
    }

    private FindFacility PersonFacility => async ct => (await Inmates.FacilityOfAsync(PersonId, ct))?.Facility;

    private async Task LoadAsync()
    {
        outcome = await Call.ReadAsync(PersonFacility, Area.PremiBalances, new ReadAudit("premi-account", PersonId.ToString(), ListsPeople: false), async context =>
        {
            var file = await Inmates.GetFileAsync(PersonId, default) ?? throw new NotFoundException(Things.Inmate);
            var account = await AccountStore.GetAccountAsync(PersonId, default);
            var mayWithdraw = Permissions.Decide(context.Caller, context.Facility, Area.Premi, Access.Write) == Decision.Allowed;
            return new AccountView(context.Facility, file.Inmate, account, mayWithdraw, context.Today);
        });
    }

    private async Task WithdrawAsync()
    {
        var form = Form!;
        var input = new NewWithdrawal(ParseEnum<PremiPart>(form.Part), ParseAmount(form.Amount, out var amountUnreadable), ParseEnum<WithdrawalPurpose>(form.Purpose), form.Note);
        if (amountUnreadable)
        {
            problem = Pages.FormHasErrors;
            fieldErrors["amount"] = [Accounts.AmountNotNumber];
            await LoadAsync();
            return;
        }
        var written = await Call.WriteAsync(PersonFacility, Area.Premi,
            context => PremiAccountStore.WithdrawAsync(context.Session, context.Facility, PersonId, input, default));
        switch (written)
        {
            case Outcome<PremiEntry>.Ok { Value: var entry }:
                saved = Catalogue.Fill(Accounts.WithdrawSaved, Format.Rupiah(-(entry.SpendableChange + entry.SavingsChange)), PremiAccountRules.PartName(input.Part!.Value));
                Form = new();
                break;
            case Outcome<PremiEntry>.Replay:
                saved = Pages.AlreadySaved;
                Form = new();
                break;
            case Outcome<PremiEntry>.Invalid invalid:
                problem = Pages.FormHasErrors;
                foreach (var (key, reasons) in invalid.Errors)
                {
                    fieldErrors[key] = [.. reasons];
                }
                break;
            case Outcome<PremiEntry>.Conflict conflict:
                problem = conflict.Reason;
                break;
            default:
                problem = Pages.Refused;
                break;
        }
        await LoadAsync();
    }

    private List<string>? ErrorsOf(string field) => fieldErrors.TryGetValue(field, out var list) ? list : null;

    /// <summary>A choice posted by its wire name ("spendable", "travel-home"); anything else is no choice (Core says it is required).</summary>
    private static T? ParseEnum<T>(string? wire) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => Wire.Of(v!.Value) == wire);

    /// <summary>Whole rupiah as typed, dots and spaces between thousands allowed ("150.000"); null when empty.</summary>
    private static long? ParseAmount(string? text, out bool unreadable)
    {
        unreadable = false;
        var digits = (text ?? "").Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim();
        if (digits.Length == 0)
        {
            return null;
        }
        if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }
        unreadable = true;
        return null;
    }

    private static string PartText(PremiPart part, PremiAccount account) =>
        $"{(part == PremiPart.Spendable ? Accounts.ColSpendable : Accounts.ColSavings)} ({Format.Rupiah(part == PremiPart.Spendable ? account.Spendable : account.Savings)})";

    internal static string PurposeText(WithdrawalPurpose purpose) => purpose switch
    {
        WithdrawalPurpose.BasicNeeds => Accounts.PurposeBasicNeeds,
        WithdrawalPurpose.TravelHome => Accounts.PurposeTravelHome,
        _ => Accounts.PurposeFamily,
    };
}
