using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Input;
using Ledger.Core.Pipeline;
using Ledger.Core.Skills;
using Ledger.Core.Text;
using Ledger.Web.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Web.CertificatePages;

/// <summary>What the page shows: the Lapas, the person found (if any) with their certificates, the programmes, the recent certificates.</summary>
public sealed record Book(Facility Facility, LocalDate Today, Inmate? Person, IReadOnlyList<CertificateOfPerson> PersonCertificates,
    IReadOnlyList<Programme> Programmes, IReadOnlyList<CertificateOfPerson> Recent);

public sealed partial class CertificatesPage
{
    private const int RecentCount = 20;

    [Inject] private PageCall Call { get; set; } = null!;

    [Inject] private InmateStore Inmates { get; set; } = null!;

    [Inject] private ProgrammeStore Programmes { get; set; } = null!;

    [Inject] private CertificateStore Store { get; set; } = null!;

    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    [SupplyParameterFromQuery(Name = "lapas")] private string? FacilityCode { get; set; }

    [SupplyParameterFromQuery(Name = "no")] private string? Number { get; set; }

    private Outcome<Book>? outcome;
    private string? notice;
    private readonly List<string> problems = [];
    private readonly Dictionary<string, List<string>> fieldErrors = [];
    private readonly Dictionary<Guid, List<string>> revokeErrors = [];

    private Book? Current => (outcome as Outcome<Book>.Ok)?.Value;

    protected override Task OnParametersSetAsync() => LoadAsync();

    /// <summary>A read of people (the one found and the holders of recent certificates): audited.</summary>
    private async Task LoadAsync()
    {
        var number = RegistrationNumber.NormalizeOrNull(Number);
        outcome = await Call.ReadAsync(Call.FacilityOrOwn(FacilityCode), Area.Skills, new ReadAudit("certificates", null, ListsPeople: true), async context =>
        {
            var code = context.Facility.Code;
            var person = number is null ? null : (await Inmates.ListAsync(code, number, 1, 5, default)).Items.FirstOrDefault(p => p.RegistrationNumber == number);
            IReadOnlyList<CertificateOfPerson> own = person is null ? [] :
                [.. (await Store.ListAsync(person.Id, default)).Select(c => new CertificateOfPerson(c, person.RegistrationNumber, person.FullName))];
            var programmes = (await Programmes.ListAsync(code, default)).Where(p => p.IsActiveOn(context.Today)).ToList();
            var recent = await Store.RecentAsync(code, RecentCount, default);
            context.Returns(recent.Select(c => c.Certificate.InmateId.Value).Concat(person is null ? [] : [person.Id.Value]).Distinct(), Number);
            return new Book(context.Facility, context.Today, person, own, programmes, recent);
        });
    }

    private async Task IssueAsync()
    {
        if (Current is not { Person: { } person } || HttpContext is null)
        {
            return;
        }
        var issuedOn = DateField("issuedOn", "terbit");
        var validUntil = DateField("validUntil", "berlaku");
        if (fieldErrors.Count > 0)
        {
            return;
        }
        var input = new IssueCertificate(Value("judul"), Value("skema"), Value("penerbit"),
            Enum.TryParse<IssuerKind>(Value("jenis"), out var kind) ? kind : null, Value("nomor"),
            Enum.TryParse<CertificateResult>(Value("hasil"), out var result) ? result : null, issuedOn, validUntil, Value("program"));
        var issued = await Call.WriteAsync(async ct => (await Inmates.FacilityOfAsync(person.Id, ct))?.Facility, Area.Skills,
            context => CertificateStore.IssueAsync(context.Session, context.Facility, person.Id, input, default));
        switch (issued)
        {
            case Outcome<Certificate>.Ok { Value: var c }:
                await ReloadAsync(Catalogue.Fill(Certificates.Issued, c.Number, person.FullName));
                break;
            case Outcome<Certificate>.Replay:
                await ReloadAsync(Pages.AlreadySaved);
                break;
            case Outcome<Certificate>.Invalid { Errors: var errors }:
                foreach (var (key, reasons) in errors)
                {
                    fieldErrors[key] = [.. reasons];
                }
                break;
            case Outcome<Certificate>.Conflict { Reason: var conflict }:
                problems.Add(Catalogue.Fill(Pages.Refused, conflict));
                break;
            default:
                Refuse(issued);
                break;
        }
    }

    private async Task RevokeAsync(CertificateId id)
    {
        var input = new RevokeCertificate(HttpContext?.Request.Form["alasan"].ToString(), null);
        var revoked = await Call.WriteAsync(ct => new ValueTask<string?>(Store.FacilityOfAsync(id, ct)), Area.Skills,
            context => CertificateStore.RevokeAsync(context.Session, context.Facility, id, input, default));
        switch (revoked)
        {
            case Outcome<Certificate>.Ok { Value: var c }:
                await ReloadAsync(Catalogue.Fill(Certificates.Revoked, c.Number));
                break;
            case Outcome<Certificate>.Replay:
                await ReloadAsync(Pages.AlreadySaved);
                break;
            case Outcome<Certificate>.Invalid { Errors: var errors }:
                revokeErrors[id.Value] = [.. errors.SelectMany(e => e.Value.Select(reason => Catalogue.Fill(Certificates.FieldProblem, Certificates.RevokeReasonFor, reason)))];
                break;
            case Outcome<Certificate>.Conflict { Reason: var conflict }:
                revokeErrors[id.Value] = [Catalogue.Fill(Pages.Refused, conflict)];
                break;
            default:
                Refuse(revoked);
                break;
        }
    }

    /// <summary>Forbidden and not found (a certificate or person of another Lapas) replace the page, as a read's would.</summary>
    /// An old form posted again with other values (its one-time key already used) writes nothing and says so.
    private void Refuse(Outcome<Certificate> refusal)
    {
        switch (refusal)
        {
            case Outcome<Certificate>.KeyReused:
                problems.Add(Pages.AlreadySaved);
                break;
            case Outcome<Certificate>.Forbidden f:
                outcome = new Outcome<Book>.Forbidden(f.Area, f.Access);
                break;
            default:
                outcome = new Outcome<Book>.NotFound();
                break;
        }
    }

    private async Task ReloadAsync(string message)
    {
        posted = false;
        await LoadAsync();
        notice = message;
    }

    /// <summary>Whether the form's values are shown again (after a refusal) or the form starts empty (after a save).</summary>
    private bool posted = true;

    /// <summary>A posted field of the issue form (null when empty or not posted).</summary>
    private string? Value(string name) =>
        posted && HttpContext is { Request.HasFormContentType: true } http && http.Request.Form[name].ToString() is { Length: > 0 } value ? value : null;

    private LocalDate? DateField(string key, string name)
    {
        if (Value(name) is not { } text)
        {
            return null;
        }
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success)
        {
            fieldErrors[key] = [Certificates.BadDate];
            return null;
        }
        return parsed.Value;
    }

    private List<string>? ErrorsOf(string key) => fieldErrors.GetValueOrDefault(key);


    private static string DefaultValidity(Book book)
    {
        var until = CertificateRules.DefaultValidUntil(IssuerKind.LspBnsp, CertificateResult.Competent, book.Today, book.Facility.Settings);
        return Catalogue.Fill(Certificates.DefaultValidity, book.Facility.Settings.BnspValidityYears, Format.Date(book.Today), Format.Date(until));
    }

    private static string KindName(IssuerKind kind) => kind switch
    {
        IssuerKind.LspBnsp => Certificates.KindLspBnsp,
        IssuerKind.Blk => Certificates.KindBlk,
        IssuerKind.Partner => Certificates.KindPartner,
        _ => Certificates.KindFacility,
    };
}
