using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Input;
using Ledger.Core.Sentences;
using Ledger.Core.Storage;
using Ledger.Core.Text;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Inmates;

/// <summary>Warga binaan, their placements, remisi and discipline register in PostgreSQL.</summary>
public sealed class InmateStore(NpgsqlDataSource dataSource)
{
    private const string InmateColumns = """
        i.id as Id, i.facility_code as FacilityCode, i.registration_number as RegistrationNumber, i.full_name as FullName,
        i.birth_date as BirthDate, i.detention_date as DetentionDate, i.sentence_years as SentenceYears,
        i.sentence_months as SentenceMonths, i.sentence_days as SentenceDays, i.sentence_kind as SentenceKind,
        i.released_on as ReleasedOn, i.created_at as CreatedAt
        """;

    public async Task<Inmate> RegisterAsync(WriteSession session, Facility facility, RegisterInmate input, CancellationToken ct)
    {
        var (registrationNumber, fullName, sentence) = InmateRules.ValidateRegistration(input, facility.DateAt(session.Now));
        var inmate = new Inmate(InmateId.New(), facility.Code, registrationNumber, fullName, input.BirthDate,
            input.DetentionDate!.Value, sentence, null, session.Now);
        const string Sql = """
            insert into inmate (id, facility_code, registration_number, full_name, birth_date, detention_date,
                                sentence_years, sentence_months, sentence_days, sentence_kind, created_at)
            values (@Id, @FacilityCode, @RegistrationNumber, @FullName, @BirthDate, @DetentionDate,
                    @years, @months, @days, @kind, @CreatedAt)
            on conflict on constraint inmate_registration_unique do nothing
            """;
        var inserted = await session.Connection.ExecuteAsync(session.Command(Sql, new
        {
            inmate.Id,
            inmate.FacilityCode,
            inmate.RegistrationNumber,
            inmate.FullName,
            inmate.BirthDate,
            inmate.DetentionDate,
            years = sentence.Years,
            months = sentence.Months,
            days = sentence.Days,
            kind = sentence.Kind,
            inmate.CreatedAt,
        }, ct));
        if (inserted == 0)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.RegistrationNumberTaken, inmate.RegistrationNumber, facility.Code));
        }
        const string Placement = "insert into inmate_placement (inmate_id, facility_code, started_on) values (@id, @facility, @on)";
        await session.Connection.ExecuteAsync(session.Command(Placement, new { id = inmate.Id, facility = facility.Code, on = inmate.DetentionDate }, ct));
        await KeptReleaseDates.KeepAsync(session, [new InmateFile(inmate, [new Placement(facility.Code, inmate.DetentionDate, null)], [], [])], ct);
        await session.AuditAsync("inmate.register", facility.Code, inmate.Id.ToString(), ct);
        return inmate;
    }

    /// <summary>The facility a person is in now, with its region, for scope checks; null when unknown.</summary>
    public async Task<(string Facility, string Region)?> FacilityOfAsync(InmateId id, CancellationToken ct)
    {
        const string Sql = "select i.facility_code, f.region from inmate i join facility f on f.code = i.facility_code where i.id = @id";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<(string, string)?>(new CommandDefinition(Sql, new { id }, cancellationToken: ct));
    }

    public async Task<InmateFile?> GetFileAsync(InmateId id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadFileAsync(connection, null, id, forUpdate: false, ct);
    }

    /// <summary>Reads a person's file inside a write, locking the person's row so writes about one person are serialized.</summary>
    public static async Task<InmateFile> LockFileAsync(WriteSession session, InmateId id, CancellationToken ct) =>
        await ReadFileAsync(session.Connection, session.Transaction, id, forUpdate: true, ct) ?? throw new NotFoundException(Things.Inmate);

    /// <summary>
    /// The people registered in a facility now under these registration numbers (in their normal form), found in one
    /// query whatever their number: a number the facility does not know is simply absent.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, InmateId>> IdsByNumberAsync(WriteSession session, string facilityCode, IEnumerable<string> numbers, CancellationToken ct)
    {
        const string Sql = "select registration_number as Number, id as Id from inmate where facility_code = @facilityCode and registration_number = any(@numbers)";
        var rows = await session.Connection.QueryAsync<(string Number, Guid Id)>(session.Command(Sql, new { facilityCode, numbers = numbers.Distinct().ToArray() }, ct));
        return rows.ToDictionary(r => r.Number, r => new InmateId(r.Id), StringComparer.Ordinal);
    }

    private static async Task<InmateFile?> ReadFileAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, InmateId id, bool forUpdate, CancellationToken ct)
    {
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(forUpdate ? FileForUpdateSql : FileSql, new { id }, tx, cancellationToken: ct));
        return await ReadFileAsync(grid);
    }

    /// <summary>The statements of one person's file (<c>@id</c>), for a caller that sends them with its own; read by <see cref="ReadFileAsync(SqlMapper.GridReader)"/>.</summary>
    internal static readonly string FileSql = FileStatements(forUpdate: false);

    private static readonly string FileForUpdateSql = FileStatements(forUpdate: true);

    private static string FileStatements(bool forUpdate) => $"""
        select {InmateColumns} from inmate i where i.id = @id {(forUpdate ? "for update" : "")};
        select facility_code as FacilityCode, started_on as StartedOn, ended_on as EndedOn
          from inmate_placement where inmate_id = @id order by started_on, ended_on nulls last;
        select inmate_id as InmateId, id as Id, kind as Kind, granted_on as GrantedOn, months as Months, days as Days, decree_number as DecreeNumber,
               recorded_by as RecordedBy, recorded_at as RecordedAt
          from remission where inmate_id = @id order by granted_on, recorded_at;
        select id as Id, occurred_on as OccurredOn, description as Description, recorded_by as RecordedBy, recorded_at as RecordedAt
          from discipline_entry where inmate_id = @id order by occurred_on, recorded_at;
        """;

    /// <summary>Reads the four results of <see cref="FileSql"/>; null when the person does not exist (the other results are then left unread).</summary>
    internal static async Task<InmateFile?> ReadFileAsync(SqlMapper.GridReader grid)
    {
        var row = await grid.ReadSingleOrDefaultAsync<InmateRow>();
        if (row is null)
        {
            return null;
        }
        var placements = (await grid.ReadAsync<Placement>()).AsList();
        var remissions = (await grid.ReadAsync<RemissionRow>()).Select(r => r.ToRemission()).ToList();
        var discipline = (await grid.ReadAsync<DisciplineEntry>()).AsList();
        return new InmateFile(row.ToInmate(), placements, remissions, discipline);
    }

    /// <summary>The files of everyone held in a facility now (not released), read in four queries rather than four per person.</summary>
    public async Task<IReadOnlyList<InmateFile>> ListCurrentFilesAsync(string facilityCode, CancellationToken ct)
    {
        const string Sql = $"""
            select {InmateColumns} from inmate i where i.facility_code = @facilityCode and i.released_on is null order by i.registration_number;
            select p.inmate_id as InmateId, p.facility_code as FacilityCode, p.started_on as StartedOn, p.ended_on as EndedOn
              from inmate_placement p join inmate i on i.id = p.inmate_id
              where i.facility_code = @facilityCode and i.released_on is null order by p.started_on, p.ended_on nulls last;
            select r.inmate_id as InmateId, r.id as Id, r.kind as Kind, r.granted_on as GrantedOn, r.months as Months, r.days as Days,
                   r.decree_number as DecreeNumber, r.recorded_by as RecordedBy, r.recorded_at as RecordedAt
              from remission r join inmate i on i.id = r.inmate_id
              where i.facility_code = @facilityCode and i.released_on is null order by r.granted_on, r.recorded_at;
            select d.inmate_id as InmateId, d.id as Id, d.occurred_on as OccurredOn, d.description as Description, d.recorded_by as RecordedBy, d.recorded_at as RecordedAt
              from discipline_entry d join inmate i on i.id = d.inmate_id
              where i.facility_code = @facilityCode and i.released_on is null order by d.occurred_on, d.recorded_at;
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(Sql, new { facilityCode }, cancellationToken: ct));
        var inmates = (await grid.ReadAsync<InmateRow>()).Select(r => r.ToInmate()).ToList();
        var placements = (await grid.ReadAsync<PlacementRow>()).ToLookup(p => p.InmateId, p => new Placement(p.FacilityCode, p.StartedOn, p.EndedOn));
        var remissions = (await grid.ReadAsync<RemissionRow>()).ToLookup(r => r.InmateId, r => r.ToRemission());
        var discipline = (await grid.ReadAsync<DisciplineRow>()).ToLookup(d => d.InmateId, d => new DisciplineEntry(d.Id, d.OccurredOn, d.Description, d.RecordedBy, d.RecordedAt));
        return [.. inmates.Select(i => new InmateFile(i, [.. placements[i.Id]], [.. remissions[i.Id]], [.. discipline[i.Id]]))];
    }

    /// <summary>
    /// Reads many people's files inside a write, locking their rows in id order (so two writes naming the same
    /// people cannot deadlock): four queries whatever their number, where <see cref="LockFileAsync"/> takes four each.
    /// An id that is no one is simply absent.
    /// </summary>
    public static Task<IReadOnlyDictionary<InmateId, InmateFile>> LockFilesAsync(WriteSession session, IEnumerable<InmateId> ids, CancellationToken ct) =>
        ReadFilesAsync(session.Connection, session.Transaction, ids, forUpdate: true, ct);

    /// <summary>Many people's files by id, read in four queries whatever their number; an id that is no one is simply absent.</summary>
    public async Task<IReadOnlyDictionary<InmateId, InmateFile>> ListFilesAsync(IEnumerable<InmateId> ids, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadFilesAsync(connection, null, ids, forUpdate: false, ct);
    }

    internal static async Task<IReadOnlyDictionary<InmateId, InmateFile>> ReadFilesAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, IEnumerable<InmateId> ids,
        bool forUpdate, CancellationToken ct)
    {
        var sql = $"""
            select {InmateColumns} from inmate i where i.id = any(@ids) order by i.id {(forUpdate ? "for update" : "")};
            select p.inmate_id as InmateId, p.facility_code as FacilityCode, p.started_on as StartedOn, p.ended_on as EndedOn
              from inmate_placement p where p.inmate_id = any(@ids) order by p.started_on, p.ended_on nulls last;
            select r.inmate_id as InmateId, r.id as Id, r.kind as Kind, r.granted_on as GrantedOn, r.months as Months, r.days as Days,
                   r.decree_number as DecreeNumber, r.recorded_by as RecordedBy, r.recorded_at as RecordedAt
              from remission r where r.inmate_id = any(@ids) order by r.granted_on, r.recorded_at;
            select d.inmate_id as InmateId, d.id as Id, d.occurred_on as OccurredOn, d.description as Description, d.recorded_by as RecordedBy, d.recorded_at as RecordedAt
              from discipline_entry d where d.inmate_id = any(@ids) order by d.occurred_on, d.recorded_at;
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { ids = ids.Select(i => i.Value).Distinct().ToArray() }, tx, cancellationToken: ct));
        var inmates = (await grid.ReadAsync<InmateRow>()).Select(r => r.ToInmate()).ToList();
        var placements = (await grid.ReadAsync<PlacementRow>()).ToLookup(p => p.InmateId, p => new Placement(p.FacilityCode, p.StartedOn, p.EndedOn));
        var remissions = (await grid.ReadAsync<RemissionRow>()).ToLookup(r => r.InmateId, r => r.ToRemission());
        var discipline = (await grid.ReadAsync<DisciplineRow>()).ToLookup(d => d.InmateId, d => new DisciplineEntry(d.Id, d.OccurredOn, d.Description, d.RecordedBy, d.RecordedAt));
        return inmates.ToDictionary(i => i.Id, i => new InmateFile(i, [.. placements[i.Id]], [.. remissions[i.Id]], [.. discipline[i.Id]]));
    }

    private sealed record PlacementRow(InmateId InmateId, string FacilityCode, LocalDate StartedOn, LocalDate? EndedOn);

    private sealed record RemissionRow(InmateId InmateId, Guid Id, RemissionKind Kind, LocalDate GrantedOn, int Months, int Days, string DecreeNumber, string RecordedBy, Instant RecordedAt)
    {
        public Remission ToRemission() => new(Id, Kind, GrantedOn, Months, Days, DecreeNumber, RecordedBy, RecordedAt);
    }

    private sealed record DisciplineRow(InmateId InmateId, Guid Id, LocalDate OccurredOn, string Description, string RecordedBy, Instant RecordedAt);

    public async Task<PageOf<Inmate>> ListAsync(string facilityCode, string? search, int page, int pageSize, CancellationToken ct)
    {
        const string Sql = $"""
            select {InmateColumns} from inmate i
            where i.facility_code = @facilityCode
              and (@search::text is null or i.full_name ilike @pattern or i.registration_number like @numberPattern)
            order by i.full_name, i.registration_number
            limit @pageSize offset @offset;
            select count(*) from inmate i
            where i.facility_code = @facilityCode
              and (@search::text is null or i.full_name ilike @pattern or i.registration_number like @numberPattern);
            """;
        search = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        var pattern = search is null ? null : "%" + EscapeLike(search) + "%";
        // Stored numbers are in their normal form, so the search is too: crb‐0012 (any dash, case or width) finds CRB-0012.
        var numberPattern = RegistrationNumber.NormalizeOrNull(search) is { } number ? "%" + EscapeLike(number) + "%" : null;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(Sql,
            new { facilityCode, search, pattern, numberPattern, pageSize, offset = (long)(page - 1) * pageSize }, cancellationToken: ct));
        var items = (await grid.ReadAsync<InmateRow>()).Select(r => r.ToInmate()).ToList();
        var total = await grid.ReadSingleAsync<long>();
        return new PageOf<Inmate>(items, page, pageSize, total);
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    public static async Task<Remission> GrantRemissionAsync(WriteSession session, Facility facility, InmateId id, GrantRemission input, CancellationToken ct)
    {
        var file = await LockFileAsync(session, id, ct);
        InmateRules.ValidateRemission(input, file.Inmate, file.Remissions, facility.DateAt(session.Now));
        var remission = new Remission(Guid.CreateVersion7(), input.Kind!.Value, input.GrantedOn!.Value, input.Months ?? 0, input.Days ?? 0,
            input.DecreeNumber!.Trim(), session.Actor.UserSub, session.Now);
        const string Sql = """
            insert into remission (id, inmate_id, kind, granted_on, months, days, decree_number, recorded_by, recorded_at)
            values (@Id, @inmateId, @kind, @GrantedOn, @Months, @Days, @DecreeNumber, @RecordedBy, @RecordedAt)
            """;
        await session.Connection.ExecuteAsync(session.Command(Sql, new
        {
            remission.Id,
            inmateId = id,
            remission.Kind,
            remission.GrantedOn,
            remission.Months,
            remission.Days,
            remission.DecreeNumber,
            remission.RecordedBy,
            remission.RecordedAt,
        }, ct));
        await KeptReleaseDates.KeepAsync(session, [file with { Remissions = [.. file.Remissions, remission] }], ct);
        await session.AuditAsync("inmate.remission", facility.Code, id.ToString(), ct);
        return remission;
    }

    public static async Task<DisciplineEntry> RecordDisciplineAsync(WriteSession session, Facility facility, InmateId id, RecordDiscipline input, CancellationToken ct)
    {
        var file = await LockFileAsync(session, id, ct);
        InmateRules.ValidateDiscipline(input, file.Inmate, facility.DateAt(session.Now));
        var entry = new DisciplineEntry(Guid.CreateVersion7(), input.OccurredOn!.Value, input.Description!.Trim(), session.Actor.UserSub, session.Now);
        const string Sql = """
            insert into discipline_entry (id, inmate_id, occurred_on, description, recorded_by, recorded_at)
            values (@Id, @inmateId, @OccurredOn, @Description, @RecordedBy, @RecordedAt)
            """;
        await session.Connection.ExecuteAsync(session.Command(Sql, new
        {
            entry.Id,
            inmateId = id,
            entry.OccurredOn,
            entry.Description,
            entry.RecordedBy,
            entry.RecordedAt,
        }, ct));
        await session.AuditAsync("inmate.discipline", facility.Code, id.ToString(), ct);
        return entry;
    }

    /// <summary>
    /// Moves a person to another facility from a day: the placement history keeps where they were, and
    /// everything recorded about them (hours, certificates, premi account) stays with the person.
    /// </summary>
    public static async Task<InmateFile> TransferAsync(WriteSession session, Facility from, Facility to, InmateId id, TransferInmate input, CancellationToken ct)
    {
        var file = await LockFileAsync(session, id, ct);
        InmateRules.ValidateTransfer(input, file, from.DateAt(session.Now));
        var on = input.On!.Value;
        const string Move = """
            update inmate set facility_code = @to
            where id = @id and not exists (
              select 1 from inmate other where other.facility_code = @to and other.registration_number = inmate.registration_number);
            """;
        var moved = await session.Connection.ExecuteAsync(session.Command(Move, new { id, to = to.Code }, ct));
        if (moved == 0)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.RegistrationNumberTaken, file.Inmate.RegistrationNumber, to.Code));
        }
        const string Placements = """
            update inmate_placement set ended_on = @on where inmate_id = @id and ended_on is null;
            insert into inmate_placement (inmate_id, facility_code, started_on) values (@id, @to, @on);
            """;
        await session.Connection.ExecuteAsync(session.Command(Placements, new { id, to = to.Code, on }, ct));
        await session.AuditAsync("inmate.transfer-out", from.Code, id.ToString(), ct);
        await session.AuditAsync("inmate.transfer-in", to.Code, id.ToString(), ct);
        var transferred = await LockFileAsync(session, id, ct);
        await KeptReleaseDates.KeepAsync(session, [transferred], ct);
        return transferred;
    }

    /// <summary>
    /// Records the release (admin's step). The premi account stays open: paying it out is finance's own later step
    /// (<see cref="Premi.PremiAccountStore.PayOutReleaseAsync"/>), so the payout has its officer, its date and its receipt.
    /// </summary>
    public static async Task<InmateFile> ReleaseAsync(WriteSession session, Facility facility, InmateId id, ReleaseInmate input, CancellationToken ct)
    {
        var file = await LockFileAsync(session, id, ct);
        InmateRules.ValidateRelease(input, file, facility.DateAt(session.Now));
        await session.Connection.ExecuteAsync(session.Command("update inmate set released_on = @on where id = @id", new { id, on = input.ReleasedOn }, ct));
        await session.AuditAsync("inmate.release", facility.Code, id.ToString(), ct);
        var released = await LockFileAsync(session, id, ct);
        await KeptReleaseDates.KeepAsync(session, [released], ct);
        return released;
    }

    private sealed record InmateRow(InmateId Id, string FacilityCode, string RegistrationNumber, string FullName, LocalDate? BirthDate,
        LocalDate DetentionDate, int SentenceYears, int SentenceMonths, int SentenceDays, SentenceKind SentenceKind, LocalDate? ReleasedOn, Instant CreatedAt)
    {
        public Inmate ToInmate() => new(Id, FacilityCode, RegistrationNumber, FullName, BirthDate, DetentionDate,
            new Sentence(SentenceYears, SentenceMonths, SentenceDays, SentenceKind), ReleasedOn, CreatedAt);
    }
}
