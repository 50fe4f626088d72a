using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Input;
using Ledger.Core.Storage;
using Ledger.Core.Text;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Skills;

/// <summary>Training entries (one by one and by session), their reversals, and a person's skills, in PostgreSQL.</summary>
public sealed class TrainingStore(NpgsqlDataSource dataSource, FacilityStore facilities, CertificateStore certificates, InmateStore inmates)
{
    internal const string EntryColumns = """
        e.id as Id, e.inmate_id as InmateId, e.programme_id as ProgrammeId, p.code as ProgrammeCode, p.facility_code as FacilityCode,
        e.day as Date, e.minutes as Minutes, e.note as Note, e.batch_id as BatchId, e.recorded_by as RecordedBy, e.recorded_at as RecordedAt,
        r.id as ReversalId, r.reason as ReversalReason, r.recorded_by as ReversedBy, r.recorded_at as ReversedAt
        from training_entry e
        join programme p on p.id = e.programme_id
        left join training_reversal r on r.entry_id = e.id
        """;

    /// <summary>Records one person's training after every check of <see cref="TrainingRules"/>; a refusal names each field.</summary>
    public static async Task<TrainingEntry> RecordAsync(WriteSession session, Facility facility, InmateId inmateId, RecordTraining input, CancellationToken ct)
    {
        var today = facility.DateAt(session.Now);
        var max = facility.Settings.MaxTrainingMinutesPerDay;
        var errors = new FieldErrors();
        TrainingRules.CheckFields(input.ProgrammeCode, input.Date, input.Minutes, input.Note, today, max, errors);
        errors.ThrowIfAny();
        var (code, day, minutes) = (input.ProgrammeCode!.Trim(), input.Date!.Value, input.Minutes!.Value);
        var programme = await ProgrammeStore.FindForShareAsync(session, facility.Code, code, ct);
        if (TrainingRules.ProgrammeProblem(programme, code, facility.Code, day) is { } problem)
        {
            errors.Add("programmeCode", problem);
        }
        var file = await InmateStore.LockFileAsync(session, inmateId, ct);
        var recorded = await RecordedMinutesAsync(session, [inmateId], day, programme?.Id, ct);
        foreach (var (field, reason) in TrainingRules.PersonProblems(file, facility.Code, code, day, minutes, recorded.GetValueOrDefault(inmateId), max))
        {
            errors.Add(field, reason);
        }
        errors.ThrowIfAny();
        var entry = new TrainingEntry(TrainingEntryId.New(), inmateId, programme!.Id, programme.Code, facility.Code, day, minutes, FreeText.Clean(input.Note),
            null, session.Actor.UserSub, session.Now, null);
        await InsertAsync(session, [entry], ct);
        await session.AuditAsync("training.record", facility.Code, entry.Id.ToString(), ct);
        return entry;
    }

    /// <summary>
    /// Records one session for many people: every person is checked, every refusal is reported under
    /// <c>inmateIds[i]</c> with the person's registration number, and either all entries are written or none.
    /// </summary>
    public static Task<SessionRecorded> RecordSessionAsync(WriteSession session, Facility facility, RecordSession input, CancellationToken ct) =>
        RecordSessionAsync(session, facility, input, minutesEach: null, ct);

    /// <summary>
    /// The same session, where each person may have their own minutes (the attendance register: one came late):
    /// <paramref name="minutesEach"/>[i] for <c>inmateIds[i]</c>, checked like the session's and refused under
    /// <c>inmateIds[i]</c>; null gives everyone the session's minutes.
    /// </summary>
    public static async Task<SessionRecorded> RecordSessionAsync(WriteSession session, Facility facility, RecordSession input, IReadOnlyList<int>? minutesEach, CancellationToken ct)
    {
        var today = facility.DateAt(session.Now);
        var max = facility.Settings.MaxTrainingMinutesPerDay;
        var errors = new FieldErrors();
        TrainingRules.CheckFields(input.ProgrammeCode, input.Date, input.Minutes, input.Note, today, max, errors);
        var ids = input.InmateIds ?? [];
        var numbers = input.RegistrationNumbers ?? [];
        var named = ids.Count + numbers.Count;
        if (named == 0)
        {
            errors.Add("inmateIds", Fields.AtLeastOneInmate);
        }
        else if (named > TrainingRules.MaxSessionSize)
        {
            errors.Add("inmateIds", Catalogue.Fill(Fields.AtMostPeopleUseImport, TrainingRules.MaxSessionSize));
        }
        if (minutesEach is not null && minutesEach.Count != named)
        {
            throw new ArgumentException("One number of minutes per person, in the order of the people.", nameof(minutesEach));
        }
        // The session itself must be right before its people are worth checking; then every person is checked.
        errors.ThrowIfAny();
        var people = await NamedPeopleAsync(session, facility, ids, numbers, errors, ct);
        var firstIndex = new Dictionary<InmateId, int>();
        var repeated = new HashSet<int>();
        for (var i = 0; i < people.Count; i++)
        {
            if (people[i].Id is { } person && !firstIndex.TryAdd(person, i))
            {
                errors.Add(people[i].Key, Catalogue.Fill(Fields.AppearsTwice, people[firstIndex[person]].Key));
                repeated.Add(i);
            }
        }
        var (code, day, minutes) = (input.ProgrammeCode!.Trim(), input.Date!.Value, input.Minutes!.Value);
        var programme = await ProgrammeStore.FindForShareAsync(session, facility.Code, code, ct);
        if (TrainingRules.ProgrammeProblem(programme, code, facility.Code, day) is { } problem)
        {
            errors.Add("programmeCode", problem);
        }
        int MinutesOf(int i) => minutesEach?[i] ?? minutes;

        // Only people registered in this facility now; anyone else looks exactly like an unknown id.
        const string Known = "select id from inmate where id = any(@ids) and facility_code = @facility";
        var known = (await session.Connection.QueryAsync<InmateId>(session.Command(Known, new { ids = firstIndex.Keys.Select(i => i.Value).ToArray(), facility = facility.Code }, ct))).ToHashSet();
        // Locks in id order, so two sessions naming the same people cannot deadlock.
        var files = new Dictionary<InmateId, InmateFile>();
        foreach (var id in known.OrderBy(i => i.Value))
        {
            files[id] = await InmateStore.LockFileAsync(session, id, ct);
        }
        var recorded = await RecordedMinutesAsync(session, known, day, programme?.Id, ct);
        foreach (var i in Enumerable.Range(0, people.Count).Where(i => !repeated.Contains(i) && people[i].Id is not null))
        {
            var (id, key) = (people[i].Id!.Value, people[i].Key);
            if (!files.TryGetValue(id, out var file) || file.Inmate.FacilityCode != facility.Code)
            {
                errors.Add(key, Catalogue.Fill(Fields.NoInmateWithIdIn, id, facility.Code));
                continue;
            }
            if (TrainingRules.MinutesProblem(MinutesOf(i), max) is { } minutesProblem)
            {
                errors.Add(key, $"{file.Inmate.RegistrationNumber} ({file.Inmate.FullName}): minutes {minutesProblem}");
                continue;
            }
            foreach (var (_, reason) in TrainingRules.PersonProblems(file, facility.Code, code, day, MinutesOf(i), recorded.GetValueOrDefault(id), max))
            {
                errors.Add(key, $"{file.Inmate.RegistrationNumber} ({file.Inmate.FullName}): {reason}");
            }
        }
        errors.ThrowIfAny();

        var batchId = Guid.CreateVersion7();
        var note = FreeText.Clean(input.Note);
        var entries = people.Select((person, i) => new TrainingEntry(TrainingEntryId.New(), person.Id!.Value, programme!.Id, programme.Code, facility.Code, day, MinutesOf(i), note,
            batchId, session.Actor.UserSub, session.Now, null)).ToList();
        await InsertBatchAsync(session, batchId, facility.Code, "session", entries.Count, ct);
        await InsertAsync(session, entries, ct);
        await session.AuditAsync("training.session", facility.Code, batchId.ToString(), ct);
        return new SessionRecorded(batchId, programme!.Code, day, minutes, entries);
    }

    /// <summary>
    /// The people of a session in the order they were sent, each with the key a refusal names it by: the ids as
    /// <c>inmateIds[i]</c>, then the registration numbers as <c>registrationNumbers[j]</c>, all numbers resolved in
    /// one query. A number that is malformed or unknown in the facility is refused here and has no id.
    /// </summary>
    private static async Task<List<(InmateId? Id, string Key)>> NamedPeopleAsync(WriteSession session, Facility facility, IReadOnlyList<InmateId> ids,
        IReadOnlyList<string?> numbers, FieldErrors errors, CancellationToken ct)
    {
        var people = ids.Select((id, i) => ((InmateId?)id, $"inmateIds[{i}]")).ToList();
        var normal = numbers.Select((n, j) => errors.RegistrationNumber(n, $"registrationNumbers[{j}]")).ToList();
        var byNumber = await InmateStore.IdsByNumberAsync(session, facility.Code, normal.OfType<string>(), ct);
        for (var j = 0; j < normal.Count; j++)
        {
            var key = $"registrationNumbers[{j}]";
            InmateId? id = normal[j] is { } number && byNumber.TryGetValue(number, out var found) ? found : null;
            if (normal[j] is not null && id is null)
            {
                errors.Add(key, Catalogue.Fill(Fields.NoInmateWithNumberIn, normal[j], facility.Code));
            }
            people.Add((id, key));
        }
        return people;
    }

    /// <summary>Undoes an entry by writing its reversal; the entry stays as it was. A second reversal is refused (409).</summary>
    public static async Task<TrainingReversal> ReverseAsync(WriteSession session, Facility facility, TrainingEntryId entryId, ReverseTraining input, CancellationToken ct)
    {
        var reason = ReasonRule.Validate(input.Reason);
        var inmateId = new InmateId(await session.Connection.QuerySingleOrDefaultAsync<Guid?>(
            session.Command("select inmate_id from training_entry where id = @entryId", new { entryId }, ct))
            ?? throw new NotFoundException(Things.TrainingEntry));
        // The person's lock serializes this with other writes about them; the entry is read after it.
        await InmateStore.LockFileAsync(session, inmateId, ct);
        var entry = (await ReadEntriesAsync(session.Connection, session.Transaction, EntryById, new { entryId }, ct)).Single();
        TrainingRules.EnsureReversible(entry);
        var reversal = new TrainingReversal(Guid.CreateVersion7(), entryId, reason, session.Actor.UserSub, session.Now);
        const string Sql = """
            insert into training_reversal (entry_id, id, reason, recorded_by, recorded_at)
            values (@EntryId, @Id, @Reason, @RecordedBy, @RecordedAt)
            on conflict (entry_id) do nothing
            """;
        if (await session.Connection.ExecuteAsync(session.Command(Sql, reversal, ct)) == 0)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.TrainingEntryAlreadyReversed, entryId));
        }
        await session.AuditAsync("training.reverse", facility.Code, entryId.ToString(), ct);
        return reversal;
    }

    /// <summary>The facility a training entry's person is in now, for scope checks; null when the entry does not exist.</summary>
    public async Task<string?> FacilityOfEntryAsync(TrainingEntryId id, CancellationToken ct)
    {
        const string Sql = "select i.facility_code from training_entry e join inmate i on i.id = e.inmate_id where e.id = @id";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(Sql, new { id }, cancellationToken: ct));
    }

    /// <summary>A person's entries (live and reversed) from <paramref name="from"/> to <paramref name="to"/>, both included, in day order.</summary>
    public async Task<IReadOnlyList<TrainingEntry>> ListAsync(InmateId inmateId, LocalDate? from, LocalDate? to, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadEntriesAsync(connection, null, EntriesOfPersonInPeriod,
            new { inmateId, from, to }, ct);
    }

    /// <summary>
    /// A person's skills: per programme the live minutes, JP (by the programme's facility's minutes per JP) and
    /// progress over all their entries; the entries of the date range; and their certificates with validity today
    /// and at the expected release.
    /// </summary>
    public async Task<PersonSkills> PersonSkillsAsync(InmateId inmateId, LocalDate today, LocalDate? from, LocalDate? to, CancellationToken ct)
    {
        var file = await inmates.GetFileAsync(inmateId, ct) ?? throw new NotFoundException(Things.Inmate);
        var summary = (await SummariesAsync([inmateId], ct))[inmateId];
        var entries = await ListAsync(inmateId, from, to, ct);
        var facility = await facilities.GetAsync(file.Inmate.FacilityCode, ct) ?? throw new NotFoundException(Things.Facility);
        var dates = Sentences.ReleaseCalculator.Evaluate(Sentences.ReleaseInput.From(file, facility.Settings), today);
        // A certificate proves something only if it is still valid the day the person leaves; a life sentence has no such day, so today stands in.
        var expectedRelease = Sentences.ExpectedRelease.Of(dates, file.Inmate.ReleasedOn, today).Date ?? today;
        var standings = (await certificates.ListAsync(inmateId, ct)).Select(c => CertificateRules.Standing(c, today, expectedRelease)).ToList();
        return new PersonSkills(inmateId, file.Inmate.RegistrationNumber, file.Inmate.FullName, file.Inmate.FacilityCode, today, expectedRelease,
            summary.Programmes, from, to, entries, standings);
    }

    /// <summary>Live minutes per person on one day, in all programmes and in <paramref name="programmeId"/>.</summary>
    internal static async Task<Dictionary<InmateId, RecordedMinutes>> RecordedMinutesAsync(WriteSession session, IEnumerable<InmateId> ids, LocalDate day,
        ProgrammeId? programmeId, CancellationToken ct)
    {
        const string Sql = """
            select inmate_id as InmateId, sum(minutes)::int as AllProgrammes,
                   coalesce(sum(minutes) filter (where programme_id = @programmeId), 0)::int as ThisProgramme
            from live_training_entry
            where inmate_id = any(@ids) and day = @day
            group by inmate_id
            """;
        var rows = await session.Connection.QueryAsync<DayRow>(
            session.Command(Sql, new { ids = ids.Select(i => i.Value).ToArray(), day, programmeId = programmeId?.Value }, ct));
        return rows.ToDictionary(r => new InmateId(r.InmateId), r => new RecordedMinutes(r.AllProgrammes, r.ThisProgramme));
    }

    private sealed record DayRow(Guid InmateId, int AllProgrammes, int ThisProgramme);

    internal static Task InsertBatchAsync(WriteSession session, Guid batchId, string facilityCode, string source, int entryCount, CancellationToken ct)
    {
        const string Sql = """
            insert into training_batch (id, facility_code, source, entry_count, recorded_by, recorded_at)
            values (@batchId, @facilityCode, @source, @entryCount, @by, @at)
            """;
        return session.Connection.ExecuteAsync(session.Command(Sql, new { batchId, facilityCode, source, entryCount, by = session.Actor.UserSub, at = session.Now }, ct));
    }

    /// <summary>Entries that share day, programme and note (one session) go in with one statement, each with its minutes.</summary>
    internal static Task<int> InsertAsync(WriteSession session, List<TrainingEntry> entries, CancellationToken ct)
    {
        const string Sql = """
            insert into training_entry (id, inmate_id, programme_id, day, minutes, note, batch_id, recorded_by, recorded_at)
            select t.id, t.inmate_id, @programmeId, @day, t.minutes, @note, @batchId, @by, @at
            from unnest(@ids, @inmateIds, @minutes) as t(id, inmate_id, minutes)
            """;
        var first = entries[0];
        return session.Connection.ExecuteAsync(session.Command(Sql, new
        {
            ids = entries.Select(e => e.Id.Value).ToArray(),
            inmateIds = entries.Select(e => e.InmateId.Value).ToArray(),
            programmeId = first.ProgrammeId,
            day = first.Date,
            minutes = entries.Select(e => e.Minutes).ToArray(),
            note = first.Note,
            batchId = first.BatchId,
            by = first.RecordedBy,
            at = first.RecordedAt,
        }, ct));
    }

    /// <summary>
    /// The training of many people at once (release readiness, the release worklist): per person the standing per
    /// programme and the live minutes per calendar month, from the totals kept on write (docs/kept-values.md), in one
    /// round trip whatever the number of people.
    /// </summary>
    public async Task<IReadOnlyDictionary<InmateId, TrainingSummary>> SummariesAsync(IReadOnlyCollection<InmateId> inmateIds, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(SummariesSql, new { ids = inmateIds.Select(i => i.Value).ToArray() }, cancellationToken: ct));
        return await ReadSummariesAsync(grid, inmateIds);
    }

    /// <summary>
    /// The statements of <see cref="SummariesAsync"/> for the people in <c>@ids</c> (a uuid array), for a caller that
    /// sends them with its own (the readiness summary). Each joins <c>unnest(@ids)</c>, so the planner reaches the kept
    /// rows by their primary key whatever the number of people. The programmes and their Lapas are found from the
    /// distinct programmes of those rows, gathered once (as <c>p.id in (...)</c> the planner rebuilt the people's rows for
    /// every programme of the table: 53 ms for a worklist of 2,000 people).
    /// </summary>
    internal const string SummariesSql = $"""
        select k.inmate_id as InmateId, k.programme_id as ProgrammeId, k.minutes::int as Minutes, k.first_day as FirstDay, k.last_day as LastDay
          from unnest(@ids::uuid[]) as person(id) join person_programme_training k on k.inmate_id = person.id;
        with touched as materialized (
          select distinct k.programme_id from unnest(@ids::uuid[]) as person(id) join person_programme_training k on k.inmate_id = person.id)
        select {ProgrammeStore.Columns} from touched t join programme p on p.id = t.programme_id;
        with touched as materialized (
          select distinct k.programme_id from unnest(@ids::uuid[]) as person(id) join person_programme_training k on k.inmate_id = person.id)
        select f.code as Code, f.settings::text as Settings from facility f
          where f.code in (select p.facility_code from touched t join programme p on p.id = t.programme_id);
        select k.inmate_id as InmateId, extract(year from k.month)::int as Year, extract(month from k.month)::int as Month, k.minutes::int as Minutes
          from unnest(@ids::uuid[]) as person(id) join person_month_training k on k.inmate_id = person.id
          where k.minutes > 0 order by k.month;
        """;

    /// <summary>Reads the results of <see cref="SummariesSql"/>: every person asked for has a summary, an empty one when they have no training.</summary>
    internal static async Task<IReadOnlyDictionary<InmateId, TrainingSummary>> ReadSummariesAsync(SqlMapper.GridReader grid, IReadOnlyCollection<InmateId> inmateIds)
    {
        var totals = (await grid.ReadAsync<TotalRow>()).ToLookup(t => t.InmateId, t => new ProgrammeTotal(t.ProgrammeId, t.Minutes, t.FirstDay, t.LastDay));
        var programmes = (await grid.ReadAsync<Programme>()).AsList();
        // Each programme counts JP by its own facility's setting: a person's programmes may belong to facilities they were held in before.
        var perJp = (await grid.ReadAsync<(string Code, string Settings)>()).ToDictionary(f => f.Code, f => FacilityStore.ReadSettings(f.Settings).MinutesPerJp, StringComparer.Ordinal);
        var months = (await grid.ReadAsync<MonthRow>()).ToLookup(m => m.InmateId, m => new MonthlyMinutes(m.Year, m.Month, m.Minutes));
        return inmateIds.Distinct().ToDictionary(id => id, id =>
            new TrainingSummary(SkillRules.Standings(totals[id], programmes, f => perJp[f]), [.. months[id]]));
    }

    private sealed record TotalRow(InmateId InmateId, ProgrammeId ProgrammeId, int Minutes, LocalDate? FirstDay, LocalDate? LastDay);

    private sealed record MonthRow(InmateId InmateId, int Year, int Month, int Minutes);

    internal const string EntryOrder = " order by e.day, e.recorded_at, e.id";

    internal const string EntryById = "select " + EntryColumns + " where e.id = @entryId";

    private const string EntriesOfPersonInPeriod = "select " + EntryColumns +
        " where e.inmate_id = @inmateId and (@from::date is null or e.day >= @from) and (@to::date is null or e.day <= @to)" + EntryOrder;

    /// <summary>Runs one of the constant queries above (values are always bound).</summary>
    internal static async Task<IReadOnlyList<TrainingEntry>> ReadEntriesAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, object parameters, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    private sealed record EntryRow(TrainingEntryId Id, InmateId InmateId, ProgrammeId ProgrammeId, string ProgrammeCode, string FacilityCode, LocalDate Date,
        int Minutes, string? Note, Guid? BatchId, string RecordedBy, Instant RecordedAt, Guid? ReversalId, string? ReversalReason, string? ReversedBy, Instant? ReversedAt)
    {
        public TrainingEntry ToEntry() => new(Id, InmateId, ProgrammeId, ProgrammeCode, FacilityCode, Date, Minutes, Note, BatchId, RecordedBy, RecordedAt,
            ReversalId is { } reversalId ? new TrainingReversal(reversalId, Id, ReversalReason!, ReversedBy!, ReversedAt!.Value) : null);
    }
}

/// <summary>Live training minutes of one person in one calendar month.</summary>
public sealed record MonthlyMinutes(int Year, int Month, int Minutes);

/// <summary>A person's standing per programme and their training per month.</summary>
public sealed record TrainingSummary(IReadOnlyList<ProgrammeProgress> Programmes, IReadOnlyList<MonthlyMinutes> ByMonth);
