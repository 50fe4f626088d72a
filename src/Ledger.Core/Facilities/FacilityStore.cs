using System.Text.Json;
using Dapper;
using Ledger.Core.Text;
using Npgsql;

namespace Ledger.Core.Facilities;

/// <summary>Facilities in PostgreSQL.</summary>
public sealed class FacilityStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "code as Code, name as Name, region as Region, time_zone as TimeZone, settings::text as Settings, created_at as CreatedAt";

    public async Task<Facility> CreateAsync(Storage.WriteSession session, NewFacility input, CancellationToken ct)
    {
        FacilityRules.Validate(input);
        const string Sql = """
            insert into facility (code, name, region, time_zone, created_at)
            values (@code, @name, @region, @timeZone, @now)
            on conflict (code) do nothing
            """;
        var inserted = await session.Connection.ExecuteAsync(session.Command(Sql, new
        {
            code = input.Code,
            name = input.Name!.Trim(),
            region = input.Region,
            timeZone = input.TimeZone,
            now = session.Now,
        }, ct));
        if (inserted == 0)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.FacilityCodeTaken, input.Code));
        }
        await session.AuditAsync("facility.create", input.Code, input.Code, ct);
        return new Facility(input.Code!, input.Name.Trim(), input.Region!, input.TimeZone!, new FacilitySettings(), session.Now);
    }

    /// <summary>Changes the settings named in <paramref name="changes"/>; the others keep their values.</summary>
    public static async Task<Facility> UpdateSettingsAsync(Storage.WriteSession session, Facility facility, System.Text.Json.Nodes.JsonObject changes, CancellationToken ct)
    {
        var settings = FacilitySettingsRules.Merge(facility.Settings, changes);
        const string Sql = "update facility set settings = @settings::jsonb where code = @code";
        await session.Connection.ExecuteAsync(session.Command(Sql, new { code = facility.Code, settings = JsonSerializer.Serialize(settings, SettingsJson) }, ct));
        await session.AuditAsync("facility.settings", facility.Code, facility.Code, ct);
        return facility with { Settings = settings };
    }

    public async Task<Facility?> GetAsync(string code, CancellationToken ct)
    {
        const string Sql = $"select {Columns} from facility where code = @code";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Sql, new { code }, cancellationToken: ct));
        return row?.ToFacility();
    }

    public async Task<IReadOnlyList<Facility>> ListAsync(AccessScope scope, CancellationToken ct)
    {
        const string Sql = $"select {Columns} from facility where code = any(@codes) or region = any(@regions) order by code";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Sql, new { codes = scope.Facilities.ToArray(), regions = scope.Regions.ToArray() }, cancellationToken: ct));
        return rows.Select(r => r.ToFacility()).ToList();
    }

    private static readonly JsonSerializerOptions SettingsJson = new(JsonSerializerDefaults.Web);

    /// <summary>A facility's settings as stored (<c>settings::text</c>), for a reader that selects them with other rows.</summary>
    internal static FacilitySettings ReadSettings(string json) => JsonSerializer.Deserialize<FacilitySettings>(json, SettingsJson) ?? new FacilitySettings();

    private sealed record Row(string Code, string Name, string Region, string TimeZone, string Settings, NodaTime.Instant CreatedAt)
    {
        public Facility ToFacility() =>
            new(Code, Name, Region, TimeZone, ReadSettings(Settings), CreatedAt);
    }
}
