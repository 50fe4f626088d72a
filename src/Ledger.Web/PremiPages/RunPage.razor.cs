using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Pipeline;
using Ledger.Core.Premi;
using Ledger.Core.Text;
using Ledger.Core.Work;
using Ledger.Web.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Ledger.Web.PremiPages;

/// <summary>
/// The run page's reads and writes. Approving posts once: the form's one-time key makes a resubmitted form a replay,
/// and the store locks the run and checks it is still a draft, so a second browser is told it is already approved.
/// </summary>
public partial class RunPage
{
    [Inject] private PageCall Call { get; set; } = null!;

    [Inject] private PremiRunStore Runs { get; set; } = null!;

    [Inject] private InmateStore Inmates { get; set; } = null!;

    [Inject] private WorkStore Work { get; set; } = null!;

    [Parameter] public Guid Id { get; set; }

    [SupplyParameterFromQuery(Name = "baru")] private int? JustComputed { get; set; }

    [SupplyParameterFromForm(FormName = "premi-run-approve")] private ApprovalForm? Approval { get; set; }

    [SupplyParameterFromForm(FormName = "premi-run-cancel")] private CancelForm? Cancellation { get; set; }

    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    private Outcome<Shown>? outcome;

    /// <summary>
    /// A post renders the forms once more before its handler runs, even when the run was decided meanwhile in another
    /// browser: Blazor finds the handler by the rendered form's name, and the handler then tells what happened.
    /// </summary>
    private bool formsPosted;
    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();
    private string? problem;
    private string? saved;

    private PremiRunId RunId => new(Id);

    private sealed record Shown(Facility Facility, PremiRun Run, string? OrderName, IReadOnlyDictionary<InmateId, string> Names);

    /// <summary>The total the approver typed, as text: "Rp1.234.000", "1.234.000" or "1234000".</summary>
    public sealed class ApprovalForm
    {
        public string? ExpectedTotal { get; set; }
    }

    public sealed class CancelForm
    {
        public string? Reason { get; set; }
    }

    protected override async Task OnInitializedAsync()
    {
        Approval ??= new();
        Cancellation ??= new();
        formsPosted = HttpMethods.IsPost(HttpContext?.Request.Method ?? "");
        await LoadAsync();
        saved ??= JustComputed == 1 && outcome is Outcome<Shown>.Ok { Value.Run.Status: PremiRunStatus.Draft } ? Premi.DraftCreated : null;
    }

    private FindFacility RunFacility => ct => new ValueTask<string?>(Runs.FacilityOfRunAsync(RunId, ct));

    private async Task LoadAsync()
    {
        var facility = await Runs.FacilityOfRunAsync(RunId, default);
        outcome = await Call.ReadForWriteAsync(facility, Area.Premi, new ReadAudit("premi-run", Id.ToString(), ListsPeople: true), async context =>
        {
            var run = await Runs.GetRunAsync(RunId, default) ?? throw new NotFoundException(Things.PremiRun);
            var order = run.WorkOrderId is { } orderId ? await Work.GetOrderAsync(orderId, default) : null;
            // Lines carry their person's name; a record left out names only the registration number, so the names
            // of the Lapas's people fill in the rest.
            var names = (await Inmates.ListCurrentFilesAsync(context.Facility.Code, default)).ToDictionary(f => f.Inmate.Id, f => f.Inmate.FullName);
            foreach (var line in run.Lines)
            {
                names[line.InmateId] = line.FullName;
            }
            context.Returns(run.Lines.Select(l => l.InmateId.Value).Concat(run.Excluded.Select(e => e.InmateId.Value)).Distinct());
            return new Shown(context.Facility, run, order is null ? null : Catalogue.Fill(Premi.OrderOption, order.Description, PremiWords.Period(order.StartsOn, order.EndsOn)), names);
        });
    }

    private async Task ApproveAsync()
    {
        formsPosted = false;
        if (outcome is not Outcome<Shown>.Ok { Value.Run: var run })
        {
            return;
        }
        // The typed total is required here (the API lets a client leave it out): it is the approver's check.
        if (string.IsNullOrWhiteSpace(Approval!.ExpectedTotal) || !PremiWords.TryRupiah(Approval.ExpectedTotal, out var expected))
        {
            errors = new Dictionary<string, string[]> { ["expectedTotal"] = [string.IsNullOrWhiteSpace(Approval.ExpectedTotal) ? Fields.IsRequired : Premi.NotRupiah] };
            problem = Pages.FormHasErrors;
            return;
        }
        var written = await Call.WriteAsync(RunFacility, Area.Premi,
            context => PremiRunStore.ApproveAsync(context.Session, context.Facility, RunId, new ApprovePremiRun(expected), default));
        switch (written)
        {
            case Outcome<PremiRun>.Ok { Value: var approved }:
                saved = Catalogue.Fill(Premi.Approved, approved.Lines.Count);
                break;
            case Outcome<PremiRun>.Replay:
                saved = Premi.AlreadyApproved;
                break;
            case Outcome<PremiRun>.Invalid invalid:
                errors = invalid.Errors;
                problem = Pages.FormHasErrors;
                break;
            case Outcome<PremiRun>.Conflict conflict when expected != run.Total.Value:
                // The ledger refused the total the approver typed: the reason belongs at that field.
                errors = new Dictionary<string, string[]> { ["expectedTotal"] = [conflict.Reason] };
                problem = Pages.FormHasErrors;
                break;
            case Outcome<PremiRun>.Conflict conflict:
                problem = conflict.Reason;
                break;
            default:
                problem = Pages.Refused;
                break;
        }
        await LoadAsync();
    }

    private async Task CancelAsync()
    {
        formsPosted = false;
        var written = await Call.WriteAsync(RunFacility, Area.Premi,
            context => PremiRunStore.CancelAsync(context.Session, context.Facility, RunId, new CancelPremiRun(Cancellation!.Reason), default));
        switch (written)
        {
            case Outcome<PremiRun>.Ok or Outcome<PremiRun>.Replay:
                saved = Premi.Cancelled;
                break;
            case Outcome<PremiRun>.Invalid invalid:
                errors = invalid.Errors;
                problem = Pages.FormHasErrors;
                break;
            case Outcome<PremiRun>.Conflict conflict:
                problem = conflict.Reason;
                break;
            default:
                problem = Pages.Refused;
                break;
        }
        await LoadAsync();
    }

    private string[] ErrorsOf(string field) => errors.TryGetValue(field, out var reasons) ? reasons : [];
}
