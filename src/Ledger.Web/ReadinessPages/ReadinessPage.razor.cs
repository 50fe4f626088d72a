using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Inmates;
using Ledger.Core.Pipeline;
using Ledger.Core.Readiness;
using Ledger.Core.Sentences;
using Ledger.Core.Text;
using Ledger.Web.Shell;
using Microsoft.AspNetCore.Components;
using NodaTime;

namespace Ledger.Web.ReadinessPages;

/// <summary>The readiness page: the summary the API's release-readiness answers, in the reader's language; printing the release file.</summary>
public sealed partial class ReadinessPage
{
    [Parameter] public Guid Id { get; set; }

    [Inject] private PageCall Call { get; set; } = null!;

    [Inject] private InmateStore Inmates { get; set; } = null!;

    [Inject] private ReadinessStore Readiness { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    private Outcome<View>? outcome;
    private readonly List<string> problems = [];

    /// <summary>The summary and where the expiry stands (the summary's rights do not include it).</summary>
    internal sealed record View(ReadinessSummary Summary, RightStatus ExpiryStatus);

    private InmateId Person => InmateId.From(Id);

    private FindFacility FacilityOfPerson => async ct => (await Inmates.FacilityOfAsync(Person, ct))?.Facility;

    protected override async Task OnParametersSetAsync() =>
        outcome = await Call.ReadAsync(FacilityOfPerson, Area.Readiness, new ReadAudit("release-readiness", Person.ToString(), ListsPeople: false), async context =>
        {
            var summary = await Readiness.SummaryForAsync(context, Person, context.Today, default);
            return new View(summary, ExpiryStatus(summary.Dates.AdjustedExpiry, summary.AsOf, context.Facility.Settings.AlmostWithinDays));
        });

    /// <summary>
    /// Expiry read like a right: reached (eligible), within the facility's "almost" window, later, or none for a life
    /// or death sentence.
    /// </summary>
    internal static RightStatus ExpiryStatus(LocalDate? adjustedExpiry, LocalDate asOf, int almostWithinDays) => adjustedExpiry switch
    {
        null => RightStatus.None,
        { } end when end <= asOf => RightStatus.Eligible,
        { } end when Period.DaysBetween(asOf, end) <= almostWithinDays => RightStatus.Almost,
        _ => RightStatus.NotYet,
    };

    private static IEnumerable<(string Key, string Name, RightAssessment Right)> Rights(ReleaseRights rights) =>
    [
        ("asimilasi", ReleaseFile.Asimilasi, rights.Asimilasi),
        ("pb", ReleaseFile.PembebasanBersyarat, rights.PembebasanBersyarat),
        ("cb", ReleaseFile.CutiBersyarat, rights.CutiBersyarat),
        ("cmb", ReleaseFile.CutiMenjelangBebas, rights.CutiMenjelangBebas),
    ];

    /// <summary>Records a printing (the next letter number of the Lapas) and opens it; the same form posted twice prints once.</summary>
    private async Task PrintAsync()
    {
        var printed = await Call.WriteAsync(FacilityOfPerson, Area.Readiness,
            async context => (await ReleaseLetterStore.IssueAsync(context.Session, context.Facility, Person, Call.UserName, default)).Id);
        switch (printed)
        {
            case Outcome<Guid>.Ok { Value: var letter }:
                Navigation.NavigateTo(ReleaseFileEndpoints.Address(Id, letter));
                break;
            case Outcome<Guid>.Replay replay:
                Navigation.NavigateTo(ReleaseFileEndpoints.Address(Id, PageCall.Replayed<Guid>(replay)));
                break;
            case Outcome<Guid>.Conflict { Reason: var reason }:
                problems.Add(Catalogue.Fill(Pages.Refused, reason));
                break;
            case Outcome<Guid>.Forbidden forbidden:
                problems.Add(Catalogue.Fill(Pages.Refused, Catalogue.Fill(Pages.ForbiddenText, string.Join(", ",
                    Permissions.RolesFor(forbidden.Area, forbidden.Access).Select(RoleNames.Of)))));
                break;
            default:
                outcome = new Outcome<View>.NotFound(Things.Inmate);
                break;
        }
    }
}
