using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Pipeline;
using Ledger.Core.Premi;
using Ledger.Core.Text;
using Ledger.Web.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Paid = Ledger.Core.Premi.ReleasePayout;

namespace Ledger.Web.ReleasePayout;

/// <summary>What the page shows: the person, the balances the payout would hand over, and the payout once made.</summary>
public sealed record PayoutView(Facility Facility, Inmate Person, Rupiah Spendable, Rupiah Savings, Paid? Paid);

public sealed partial class PayoutPage
{
    [Inject] private PageCall Call { get; set; } = null!;

    [Inject] private InmateStore Inmates { get; set; } = null!;

    [Inject] private PremiAccountStore Accounts { get; set; } = null!;

    [Parameter] public Guid Id { get; set; }

    private Outcome<PayoutView>? outcome;
    private string? notice;
    private readonly List<string> problems = [];
    private bool handled;

    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    private bool IsPost => HttpMethods.IsPost(HttpContext?.Request.Method ?? "");

    private InmateId Person => new(Id);

    /// <summary>The person's Lapas, found by the person: another Lapas's person does not exist for the officer.</summary>
    private FindFacility PersonsFacility => async ct => (await Inmates.FacilityOfAsync(Person, ct))?.Facility;

    protected override Task OnParametersSetAsync() => LoadAsync();

    /// <summary>A read of one person's file and account: audited.</summary>
    private async Task LoadAsync()
    {
        outcome = await Call.ReadAsync(PersonsFacility, Area.Premi, new ReadAudit("release-payout", Id.ToString(), ListsPeople: false), async context =>
        {
            // Found by FacilityOfAsync a moment ago; gone only if the row vanished in between, which nothing does.
            var file = await Inmates.GetFileAsync(Person, default) ?? throw new NotFoundException(Things.Inmate);
            var account = await Accounts.GetAccountAsync(Person, default);
            return new PayoutView(context.Facility, file.Inmate, account.Spendable, account.Savings, account.Payout);
        });
    }

    /// <summary>Pays out once: a second tab or a second click is refused (or replayed) and shows the first payout's receipt.</summary>
    private async Task PayOutAsync()
    {
        handled = true;
        var written = await Call.WriteAsync(PersonsFacility, Area.Premi,
            context => PremiAccountStore.PayOutReleaseAsync(context.Session, context.Facility, Person, null, default));
        switch (written)
        {
            case Outcome<Paid>.Ok { Value: var paid }:
                await LoadAsync();
                notice = Catalogue.Fill(Payout.Paid, paid.FullName, Format.Rupiah(paid.Total), paid.ReceiptNumber);
                break;
            case Outcome<Paid>.Replay or Outcome<Paid>.KeyReused:
                await LoadAsync();
                notice = Pages.AlreadySaved;
                break;
            case Outcome<Paid>.Conflict { Reason: var reason }:
                await LoadAsync();
                problems.Add(Catalogue.Fill(Pages.Refused, reason));
                break;
            case Outcome<Paid>.Forbidden f:
                outcome = new Outcome<PayoutView>.Forbidden(f.Area, f.Access);
                break;
            default:
                outcome = new Outcome<PayoutView>.NotFound();
                break;
        }
    }
}
