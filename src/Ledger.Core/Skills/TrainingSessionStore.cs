using Dapper;
using Ledger.Core.Text;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Input;
using Ledger.Core.Storage;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Skills;

/// <summary>The request to correct one entry's minutes: its reversal (with the reason) and the entry again, in one step.</summary>
public sealed record CorrectTraining(string? Reason, int? Minutes);

/// <summary>What undoing a session wrote: one reversal per entry that was still live.</summary>
public sealed record SessionReversed(Guid BatchId, IReadOnlyList<TrainingReversal> Reversals);

/// <summary>What a correction wrote: the reversal of the old entry and the new one (in the same session as the old).</summary>
public sealed record EntryCorrected(TrainingReversal Reversal, TrainingEntry Entry);

/// <summary>One person's entry in the day's register, with whom it belongs to.</summary>
public sealed record Attendee(TrainingEntry Entry, string RegistrationNumber, string FullName);

/// <summary>
/// The entries of one programme on one day grouped by the session that recorded them (<c>BatchId</c> null: entries
/// recorded one by one or imported alone), in the order they were recorded.
/// </summary>
public sealed record DaySession(Guid? BatchId, string RecordedBy, Instant RecordedAt, IReadOnlyList<Attendee> Attendees)
{
    public bool AnyLive => Attendees.Any(a => a.Entry.IsLive);
}

/// <summary>
/// The attendance register's operations beside <see cref="TrainingStore"/>'s: a session undone as a whole, one entry
/// corrected, and the day's sessions of a programme. Each write is one write session: all or nothing.
/// </summary>
public sealed class TrainingSessionStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Undoes a session: one reversal, with the one reason, for each of its entries still live (an entry corrected
    /// on its own keeps its reversal). Nothing live left is refused (409); a session of another facility is not found.
    /// </summary>
    public static async Task<SessionReversed> ReverseSessionAsync(WriteSession session, Facility facility, Guid batchId, ReverseTraining input, CancellationToken ct)
    {
        var reason = ReasonRule.Validate(input.Reason);
        const string People = """
            select distinct e.inmate_id from training_entry e join training_batch b on b.id = e.batch_id
            where e.batch_id = @batchId and b.facility_code = @facility
            """;
        var people = (await session.Connection.QueryAsync<Guid>(session.Command(People, new { batchId, facility = facility.Code }, ct))).Order().ToList();
        if (people.Count == 0)
        {
            throw new NotFoundException(Things.TrainingSession);
        }
        // The people's locks, in id order as a session takes them, serialize this with their other writes; entries are read after.
        foreach (var id in people)
        {
            await InmateStore.LockFileAsync(session, new InmateId(id), ct);
        }
        var entries = await TrainingStore.ReadEntriesAsync(session.Connection, session.Transaction, EntriesOfBatch, new { batchId }, ct);
        var live = entries.Where(e => e.IsLive).ToList();
        if (live.Count == 0)
        {
            throw new RuleViolationException($"Training session {batchId} was already undone; nothing in it is still counted.");
        }
        var reversals = live.Select(e => new TrainingReversal(Guid.CreateVersion7(), e.Id, reason, session.Actor.UserSub, session.Now)).ToList();
        const string Sql = """
            insert into training_reversal (entry_id, id, reason, recorded_by, recorded_at)
            select t.entry_id, t.id, @reason, @by, @at from unnest(@entryIds, @ids) as t(entry_id, id)
            on conflict (entry_id) do nothing
            """;
        var inserted = await session.Connection.ExecuteAsync(session.Command(Sql, new
        {
            entryIds = reversals.Select(r => r.EntryId.Value).ToArray(),
            ids = reversals.Select(r => r.Id).ToArray(),
            reason,
            by = session.Actor.UserSub,
            at = session.Now,
        }, ct));
        if (inserted != reversals.Count)
        {
            throw new RuleViolationException($"Training session {batchId} was partly undone meanwhile; look at it again.");
        }
        await session.AuditAsync("training.session.reverse", facility.Code, batchId.ToString(), ct);
        return new SessionReversed(batchId, reversals);
    }

    /// <summary>
    /// Corrects one entry's minutes: reverses it with the reason and records the entry again (same person,
    /// programme, day, note and session) with the new minutes, checked against the daily limit without the old ones.
    /// </summary>
    public static async Task<EntryCorrected> CorrectAsync(WriteSession session, Facility facility, TrainingEntryId entryId, CorrectTraining input, CancellationToken ct)
    {
        var max = facility.Settings.MaxTrainingMinutesPerDay;
        var errors = new FieldErrors();
        ReasonRule.Check(input.Reason, errors);
        if (errors.Required(input.Minutes, "minutes") && TrainingRules.MinutesProblem(input.Minutes!.Value, max) is { } problem)
        {
            errors.Add("minutes", problem);
        }
        errors.ThrowIfAny();
        var reversal = await TrainingStore.ReverseAsync(session, facility, entryId, new ReverseTraining(input.Reason), ct);
        var old = (await TrainingStore.ReadEntriesAsync(session.Connection, session.Transaction, TrainingStore.EntryById, new { entryId }, ct)).Single();
        var file = await InmateStore.LockFileAsync(session, old.InmateId, ct);
        var recorded = await TrainingStore.RecordedMinutesAsync(session, [old.InmateId], old.Date, old.ProgrammeId, ct);
        foreach (var (field, reason) in TrainingRules.PersonProblems(file, facility.Code, old.ProgrammeCode, old.Date, input.Minutes!.Value,
            recorded.GetValueOrDefault(old.InmateId), max))
        {
            errors.Add(field, reason);
        }
        errors.ThrowIfAny();
        var entry = old with { Id = TrainingEntryId.New(), Minutes = input.Minutes!.Value, RecordedBy = session.Actor.UserSub, RecordedAt = session.Now, Reversal = null };
        await TrainingStore.InsertAsync(session, [entry], ct);
        await session.AuditAsync("training.correct", facility.Code, entry.Id.ToString(), ct);
        return new EntryCorrected(reversal, entry);
    }

    /// <summary>The facility that recorded a session, for scope checks; null when there is no such session.</summary>
    public async Task<string?> FacilityOfSessionAsync(Guid batchId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select facility_code from training_batch where id = @batchId and source = 'session'", new { batchId }, cancellationToken: ct));
    }

    /// <summary>The entries of a programme of the facility on a day, live and reversed, grouped by session.</summary>
    public async Task<IReadOnlyList<DaySession>> SessionsOfDayAsync(string facilityCode, string programmeCode, LocalDate day, CancellationToken ct)
    {
        const string Sql = """
            select e.id as EntryId, i.registration_number as RegistrationNumber, i.full_name as FullName, b.recorded_by as BatchBy, b.recorded_at as BatchAt
            from training_entry e
            join programme p on p.id = e.programme_id
            join inmate i on i.id = e.inmate_id
            left join training_batch b on b.id = e.batch_id
            where p.facility_code = @facilityCode and p.code = @programmeCode and e.day = @day
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var people = (await connection.QueryAsync<PersonRow>(new CommandDefinition(Sql, new { facilityCode, programmeCode, day }, cancellationToken: ct)))
            .ToDictionary(r => r.EntryId);
        var entries = await TrainingStore.ReadEntriesAsync(connection, null, EntriesOfProgrammeDay, new { facilityCode, programmeCode, day }, ct);
        return [.. entries
            .GroupBy(e => e.BatchId)
            .Select(g =>
            {
                var first = people[g.First().Id.Value];
                return new DaySession(g.Key, first.BatchBy ?? g.First().RecordedBy, first.BatchAt ?? g.First().RecordedAt,
                    [.. g.OrderBy(e => people[e.Id.Value].FullName, StringComparer.CurrentCulture).ThenBy(e => e.RecordedAt)
                        .Select(e => new Attendee(e, people[e.Id.Value].RegistrationNumber, people[e.Id.Value].FullName))]);
            })
            .OrderBy(s => s.RecordedAt)];
    }

    private sealed record PersonRow(Guid EntryId, string RegistrationNumber, string FullName, string? BatchBy, Instant? BatchAt);

    private const string EntriesOfBatch = "select " + TrainingStore.EntryColumns + " where e.batch_id = @batchId" + TrainingStore.EntryOrder;

    private const string EntriesOfProgrammeDay = "select " + TrainingStore.EntryColumns +
        " where p.facility_code = @facilityCode and p.code = @programmeCode and e.day = @day" + TrainingStore.EntryOrder;
}
