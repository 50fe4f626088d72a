using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Ledger.Core.Text;
using Npgsql;

namespace Ledger.Core.Facilities;

/// <summary>
/// Facilities in PostgreSQL. Every request finds its facility (and its settings) here, so a facility read is kept
/// in memory for <see cref="KeptFor"/>: a settings change made through this process is seen by its next request
/// (the kept copy is dropped when the change commits); one made through another API process is seen there at most
/// <see cref="KeptFor"/> later (docs/operations.md, "Facility settings in memory").
/// </summary>
public sealed class FacilityStore(NpgsqlDataSource dataSource)
{
    /// <summary>How long a facility read is used without reading it again.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (Facility Facility, long ReadAt)> _kept = new(StringComparer.Ordinal);

    // Counts the changes this process committed: a read that overlapped one does not keep what it read (it may be the old row).
    private long _changes;

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
    /// <remarks>
    /// The changes are merged into the settings as stored, read again under a row lock (the facility the request found
    /// may be a kept copy, and two admins may change different settings at once).
    /// </remarks>
    public async Task<Facility> UpdateSettingsAsync(Storage.WriteSession session, Facility facility, System.Text.Json.Nodes.JsonObject changes, CancellationToken ct)
    {
        const string Current = $"select {Columns} from facility where code = @code for update";
        var current = (await session.Connection.QuerySingleAsync<Row>(session.Command(Current, new { code = facility.Code }, ct))).ToFacility();
        var settings = FacilitySettingsRules.Merge(current.Settings, changes);
        const string Sql = "update facility set settings = @settings::jsonb where code = @code";
        await session.Connection.ExecuteAsync(session.Command(Sql, new { code = facility.Code, settings = JsonSerializer.Serialize(settings, SettingsJson) }, ct));
        await session.AuditAsync("facility.settings", facility.Code, facility.Code, ct);
        session.AfterCommit(() => Forget(facility.Code));
        return current with { Settings = settings };
    }

    /// <summary>The facility with its settings, from memory when read less than <see cref="KeptFor"/> ago.</summary>
    public async Task<Facility?> GetAsync(string code, CancellationToken ct)
    {
        // A monotonic stopwatch, not the injected clock: this is the age of a copy, not a time of the ledger.
        if (_kept.TryGetValue(code, out var kept) && Stopwatch.GetElapsedTime(kept.ReadAt) < KeptFor)
        {
            return kept.Facility;
        }
        var changes = Interlocked.Read(ref _changes);
        var readAt = Stopwatch.GetTimestamp();
        const string Sql = $"select {Columns} from facility where code = @code";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var facility = (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Sql, new { code }, cancellationToken: ct)))?.ToFacility();
        if (facility is not null && Interlocked.Read(ref _changes) == changes)
        {
            _kept[code] = (facility, readAt);
        }
        return facility;
    }

    /// <summary>Drops the kept copy of a facility whose row changed (called once the change is committed).</summary>
    private void Forget(string code)
    {
        Interlocked.Increment(ref _changes);
        _kept.TryRemove(code, out _);
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
