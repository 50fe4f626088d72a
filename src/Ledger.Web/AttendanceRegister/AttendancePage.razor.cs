using System.Globalization;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Pipeline;
using Ledger.Core.Skills;
using Ledger.Core.Text;
using Ledger.Web.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Web.AttendanceRegister;

/// <summary>What the register shows: the Lapas, the day, its active training programmes, the people placed there and the day's sessions.</summary>
public sealed record Register(Facility Facility, LocalDate Today, LocalDate Day, IReadOnlyList<Programme> Programmes, Programme? Programme,
    IReadOnlyList<Inmate> People, IReadOnlyList<DaySession> Sessions, int DefaultMinutes);

public sealed partial class AttendancePage
{
    /// <summary>A session is two JP by default (the officer changes a person's minutes when they differ).</summary>
    private const int DefaultJp = 2;

    [Inject] private PageCall Call { get; set; } = null!;

    [Inject] private InmateStore Inmates { get; set; } = null!;

    [Inject] private ProgrammeStore Programmes { get; set; } = null!;

    [Inject] private TrainingSessionStore Sessions { get; set; } = null!;

    [Inject] private TrainingStore Training { get; set; } = null!;

    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    [SupplyParameterFromQuery(Name = "lapas")] private string? FacilityCode { get; set; }

    [SupplyParameterFromQuery(Name = "program")] private string? ProgrammeCode { get; set; }

    [SupplyParameterFromQuery(Name = "tanggal")] private string? DayText { get; set; }

    private Outcome<Register>? outcome;
    private bool badDay;
    private string? notice;
    private readonly List<string> problems = [];
    private readonly HashSet<Guid> present = [];
    private readonly Dictionary<Guid, string> minutes = [];
    private readonly Dictionary<Guid, List<string>> rowErrors = [];
    private readonly Dictionary<Guid, List<string>> formErrors = [];

    private Register? Current => (outcome as Outcome<Register>.Ok)?.Value;

    protected override Task OnParametersSetAsync() => LoadAsync();

    /// <summary>The register is a write form: only a role that may record training sees it (others: 403). A read of people: audited.</summary>
    private async Task LoadAsync()
    {
        LocalDate? asked = null;
        if (!string.IsNullOrEmpty(DayText))
        {
            var parsed = LocalDatePattern.Iso.Parse(DayText);
            badDay = !parsed.Success;
            asked = parsed.Success ? parsed.Value : null;
        }
        outcome = await Call.ReadForWriteAsync(Call.FacilityOrOwn(FacilityCode), Area.Skills, new ReadAudit("attendance", null, ListsPeople: true), async context =>
        {
            var today = context.Today;
            var day = asked is { } a && a <= today ? a : today;
            var programmes = (await Programmes.ListAsync(context.Facility.Code, default)).Where(p => p.TakesTraining && p.IsActiveOn(day)).ToList();
            var programme = programmes.FirstOrDefault(p => p.Code == ProgrammeCode) ?? programmes.FirstOrDefault();
            var people = (await Inmates.ListCurrentFilesAsync(context.Facility.Code, default)).Select(f => f.Inmate).OrderBy(p => p.FullName, StringComparer.CurrentCulture).ToList();
            context.Returns(people.Select(p => p.Id.Value));
            var sessions = programme is null ? [] : await Sessions.SessionsOfDayAsync(context.Facility.Code, programme.Code, day, default);
            return new Register(context.Facility, today, day, programmes, programme, people, sessions, DefaultJp * context.Facility.Settings.MinutesPerJp);
        });
    }

    /// <summary>"Hadir semua" re-renders with every box ticked; "Simpan" records the ticked people as one session.</summary>
    private async Task SaveAsync()
    {
        if (Current is not { Programme: { } programme } register || HttpContext is null)
        {
            return;
        }
        var form = HttpContext.Request.Form;
        var ticked = form["hadir"].Select(v => Guid.TryParse(v, out var g) ? g : Guid.Empty).ToHashSet();
        foreach (var person in register.People)
        {
            minutes[person.Id.Value] = form[$"menit-{person.Id.Value}"].ToString();
        }
        if (form["aksi"] == "semua")
        {
            present.UnionWith(register.People.Select(p => p.Id.Value));
            return;
        }
        present.UnionWith(ticked);
        var chosen = register.People.Where(p => ticked.Contains(p.Id.Value)).ToList();
        var each = new List<int>();
        foreach (var person in chosen)
        {
            if (int.TryParse(minutes[person.Id.Value], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                each.Add(m);
            }
            else
            {
                RowError(person.Id.Value, Attendance.MinutesNotNumber);
            }
        }
        if (chosen.Count == 0)
        {
            problems.Add(Attendance.NobodyChecked);
        }
        if (problems.Count > 0 || rowErrors.Count > 0)
        {
            return;
        }
        var input = new RecordSession(programme.Code, register.Day, register.DefaultMinutes, null, [.. chosen.Select(p => p.Id)]);
        var saved = await Call.WriteAsync(register.Facility.Code, Area.Skills,
            context => TrainingStore.RecordSessionAsync(context.Session, context.Facility, input, each, default));
        switch (saved)
        {
            case Outcome<SessionRecorded>.Ok { Value: var session }:
                await ReloadAsync(Catalogue.Fill(Attendance.SessionSaved, programme.Name, Format.Date(session.Date), session.Entries.Count));
                break;
            case Outcome<SessionRecorded>.Replay:
                await ReloadAsync(Pages.AlreadySaved);
                break;
            case Outcome<SessionRecorded>.Invalid { Errors: var errors }:
                foreach (var (key, reasons) in errors)
                {
                    // Every refusal about a person is keyed inmateIds[i]: the i-th ticked person, shown at their row.
                    if (key.StartsWith("inmateIds[", StringComparison.Ordinal) && int.TryParse(key[10..^1], CultureInfo.InvariantCulture, out var i) && i < chosen.Count)
                    {
                        foreach (var reason in reasons)
                        {
                            RowError(chosen[i].Id.Value, reason);
                        }
                    }
                    else
                    {
                        problems.AddRange(reasons.Select(reason => FieldText(key, reason)));
                    }
                }
                break;
            default:
                Refuse(saved);
                break;
        }
    }

    /// <summary>Undoes a whole session: one reversal per entry, with the one reason.</summary>
    private async Task UndoAsync(Guid batchId)
    {
        var reason = HttpContext?.Request.Form["alasan"].ToString();
        var undone = await Call.WriteAsync(ct => new ValueTask<string?>(Sessions.FacilityOfSessionAsync(batchId, ct)), Area.Skills,
            context => TrainingSessionStore.ReverseSessionAsync(context.Session, context.Facility, batchId, new ReverseTraining(reason), default));
        switch (undone)
        {
            case Outcome<SessionReversed>.Ok { Value: var done }:
                await ReloadAsync(Catalogue.Fill(Attendance.SessionUndone, done.Reversals.Count));
                break;
            case Outcome<SessionReversed>.Replay:
                await ReloadAsync(Pages.AlreadySaved);
                break;
            case Outcome<SessionReversed>.Invalid { Errors: var errors }:
                formErrors[batchId] = [.. errors.SelectMany(e => e.Value.Select(reason => FieldText(e.Key, reason)))];
                break;
            case Outcome<SessionReversed>.Conflict { Reason: var conflict }:
                formErrors[batchId] = [Catalogue.Fill(Pages.Refused, conflict)];
                break;
            default:
                Refuse(undone);
                break;
        }
    }

    /// <summary>Corrects one person's minutes: the entry's reversal and the entry again, in one step.</summary>
    private async Task CorrectAsync(TrainingEntryId entryId)
    {
        var form = HttpContext?.Request.Form;
        int? newMinutes = int.TryParse(form?["menit"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;
        var input = new CorrectTraining(form?["alasan"].ToString(), newMinutes);
        var corrected = await Call.WriteAsync(ct => new ValueTask<string?>(Training.FacilityOfEntryAsync(entryId, ct)), Area.Skills,
            context => TrainingSessionStore.CorrectAsync(context.Session, context.Facility, entryId, input, default));
        switch (corrected)
        {
            case Outcome<EntryCorrected>.Ok { Value: var done }:
                var name = Current?.People.FirstOrDefault(p => p.Id == done.Entry.InmateId)?.FullName ?? "";
                await ReloadAsync(Catalogue.Fill(Attendance.Corrected, name, done.Entry.Minutes));
                break;
            case Outcome<EntryCorrected>.Replay:
                await ReloadAsync(Pages.AlreadySaved);
                break;
            case Outcome<EntryCorrected>.Invalid { Errors: var errors }:
                formErrors[entryId.Value] = [.. errors.SelectMany(e => e.Value.Select(reason => FieldText(e.Key, reason)))];
                break;
            case Outcome<EntryCorrected>.Conflict { Reason: var conflict }:
                formErrors[entryId.Value] = [Catalogue.Fill(Pages.Refused, conflict)];
                break;
            default:
                Refuse(corrected);
                break;
        }
    }

    /// <summary>After a write: the register afresh (boxes cleared) with the message.</summary>
    private async Task ReloadAsync(string message)
    {
        present.Clear();
        minutes.Clear();
        await LoadAsync();
        notice = message;
    }

    /// <summary>Not found (another Lapas's session or entry) and forbidden replace the page, as a read's would.</summary>
    private void Refuse<T>(Outcome<T> refusal) =>
        outcome = refusal switch
        {
            Outcome<T>.Forbidden f => new Outcome<Register>.Forbidden(f.Area, f.Access),
            Outcome<T>.Conflict c => KeepWith(Catalogue.Fill(Pages.Refused, c.Reason)),
            // An old form posted again with other values (its one-time key already used) writes nothing and says so.
            Outcome<T>.KeyReused => KeepWith(Pages.AlreadySaved),
            _ => new Outcome<Register>.NotFound(),
        };

    private Outcome<Register>? KeepWith(string problem)
    {
        problems.Add(problem);
        return outcome;
    }

    private void RowError(Guid personId, string reason)
    {
        if (!rowErrors.TryGetValue(personId, out var list))
        {
            rowErrors[personId] = list = [];
        }
        list.Add(reason);
    }

    /// <summary>A refusal with the field it concerns, in the reader's words.</summary>
    private static string FieldText(string key, string reason) => key switch
    {
        "programmeCode" => Catalogue.Fill(Attendance.FieldProgramme, reason),
        "date" => Catalogue.Fill(Attendance.FieldDate, reason),
        "minutes" => Catalogue.Fill(Attendance.FieldMinutes, reason),
        "reason" => Catalogue.Fill(Attendance.FieldReason, reason),
        _ => reason,
    };

    private string SessionTitle(DaySession session) => session.BatchId is null || Current is not { } register
        ? Attendance.SingleEntries
        : Catalogue.Fill(Attendance.SessionBy, session.RecordedBy, Format.Date(register.Facility.DateAt(session.RecordedAt)));
}
