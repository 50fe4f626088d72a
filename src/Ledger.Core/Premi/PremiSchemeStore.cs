using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Storage;
using Ledger.Core.Text;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Premi;

/// <summary>
/// Premi schemes in PostgreSQL: a scheme's versions are written once and never changed, so a run can always name
/// the terms it used. The terms are checked by <see cref="PremiSchemeRules"/>.
/// </summary>
public sealed class PremiSchemeStore(NpgsqlDataSource dataSource)
{
    private const string SchemeColumns = """
        s.scheme_id as SchemeId, s.facility_code as FacilityCode, s.id as VersionId, s.version as Version, s.name as Name, s.kind as Kind,
        s.rate as Rate, s.percent as Percent, s.min_minutes_per_day as MinMinutesPerDay, s.min_days_per_month as MinDaysPerMonth,
        s.savings_percent as SavingsPercent, s.monthly_cap as MonthlyCap, s.valid_from as ValidFrom, s.valid_to as ValidTo,
        s.created_by as CreatedBy, s.created_at as CreatedAt
        """;

    public static async Task<PremiScheme> CreateSchemeAsync(WriteSession session, Facility facility, PremiSchemeInput input, CancellationToken ct)
    {
        var terms = PremiSchemeRules.Validate(input, facility.Settings);
        var id = PremiSchemeId.New();
        await InsertVersionAsync(session, facility, id, id.Value, 1, terms, ct);
        await session.AuditAsync("premi-scheme.create", facility.Code, id.ToString(), ct);
        return await ReadSchemeAsync(session.Connection, session.Transaction, id, ct) ?? throw new NotFoundException(Things.PremiScheme);
    }

    /// <summary>A change of terms: the scheme's next version. Earlier versions stay exactly as runs used them.</summary>
    public static async Task<PremiScheme> AddVersionAsync(WriteSession session, Facility facility, PremiSchemeId id, PremiSchemeInput input, CancellationToken ct)
    {
        // Locking the scheme serializes version numbering (and approvals, which lock it too).
        await LockSchemeAsync(session, id, ct);
        var scheme = await ReadSchemeAsync(session.Connection, session.Transaction, id, ct) ?? throw new NotFoundException(Things.PremiScheme);
        var terms = PremiSchemeRules.Validate(input, facility.Settings, scheme.Kind);
        var versionId = Guid.CreateVersion7();
        await InsertVersionAsync(session, facility, id, versionId, scheme.CurrentVersion + 1, terms, ct);
        await session.AuditAsync("premi-scheme.version", facility.Code, id.ToString(), ct);
        return await ReadSchemeAsync(session.Connection, session.Transaction, id, ct) ?? throw new NotFoundException(Things.PremiScheme);
    }

    /// <summary>
    /// Serializes the writes of one scheme until the transaction ends. A scheme's rows never change, so the runtime
    /// role has no UPDATE on them that a row lock (FOR UPDATE) would need: the lock is a transaction-level advisory
    /// lock on the scheme's id instead, in the key space of the premi_scheme table.
    /// </summary>
    internal static Task<int> LockSchemeAsync(WriteSession session, PremiSchemeId id, CancellationToken ct) =>
        session.Connection.ExecuteAsync(session.Command(
            "select pg_advisory_xact_lock('premi_scheme'::regclass::oid::int, hashtext(@id::text))", new { id = id.Value }, ct));

    private static Task<int> InsertVersionAsync(WriteSession session, Facility facility, PremiSchemeId schemeId, Guid versionId, int version, PremiSchemeInput terms, CancellationToken ct)
    {
        const string Sql = """
            insert into premi_scheme (id, scheme_id, version, facility_code, name, kind, rate, percent, min_minutes_per_day, min_days_per_month,
                                      savings_percent, monthly_cap, valid_from, valid_to, created_by, created_at)
            values (@versionId, @schemeId, @version, @facility, @name, @kind, @rate, @percent, @minMinutes, @minDays,
                    @savings, @cap, @validFrom, @validTo, @by, @now)
            """;
        return session.Connection.ExecuteAsync(session.Command(Sql, new
        {
            versionId,
            schemeId = schemeId.Value,
            version,
            facility = facility.Code,
            name = terms.Name,
            kind = terms.Kind!.Value,
            rate = terms.Rate,
            percent = terms.Percent,
            minMinutes = terms.MinMinutesPerDay,
            minDays = terms.MinDaysPerMonth,
            savings = terms.SavingsPercent,
            cap = terms.MonthlyCap,
            validFrom = terms.ValidFrom,
            validTo = terms.ValidTo,
            by = session.Actor.UserSub,
            now = session.Now,
        }, ct));
    }

    public async Task<PremiScheme?> GetSchemeAsync(PremiSchemeId id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadSchemeAsync(connection, null, id, ct);
    }

    public async Task<IReadOnlyList<PremiScheme>> ListSchemesAsync(string facilityCode, CancellationToken ct)
    {
        const string Sql = $"select {SchemeColumns} from premi_scheme s where s.facility_code = @facilityCode order by s.scheme_id, s.version";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<SchemeRow>(new CommandDefinition(Sql, new { facilityCode }, cancellationToken: ct));
        return rows.GroupBy(r => r.SchemeId).Select(ToScheme).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<string?> FacilityOfSchemeAsync(PremiSchemeId id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("select facility_code from premi_scheme where id = @id and version = 1", new { id }, cancellationToken: ct));
    }

    internal static async Task<PremiScheme?> ReadSchemeAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, PremiSchemeId id, CancellationToken ct)
    {
        const string Sql = $"select {SchemeColumns} from premi_scheme s where s.scheme_id = @id order by s.version";
        var rows = (await connection.QueryAsync<SchemeRow>(new CommandDefinition(Sql, new { id = id.Value }, tx, cancellationToken: ct))).ToList();
        return rows.Count == 0 ? null : ToScheme(rows);
    }

    private static PremiScheme ToScheme(IEnumerable<SchemeRow> rows)
    {
        var versions = rows.OrderBy(r => r.Version).ToList();
        var current = versions[^1];
        return new PremiScheme(new PremiSchemeId(current.SchemeId), current.FacilityCode, current.Name, current.Kind, current.Version,
            versions.Select(v => v.ToVersion()).ToList());
    }

    private sealed record SchemeRow(Guid SchemeId, string FacilityCode, Guid VersionId, int Version, string Name, PremiSchemeKind Kind, long? Rate, int? Percent,
        int MinMinutesPerDay, int? MinDaysPerMonth, int SavingsPercent, long? MonthlyCap, LocalDate ValidFrom, LocalDate? ValidTo, string CreatedBy, Instant CreatedAt)
    {
        public PremiSchemeVersion ToVersion() => new(VersionId, Version, Name, Kind, Rate is { } r ? new Rupiah(r) : null, Percent,
            MinMinutesPerDay, MinDaysPerMonth, SavingsPercent, MonthlyCap is { } c ? new Rupiah(c) : null, ValidFrom, ValidTo, CreatedBy, CreatedAt);
    }
}
