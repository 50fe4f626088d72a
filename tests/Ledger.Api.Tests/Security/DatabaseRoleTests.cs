using System.Collections.Concurrent;
using System.Net.Http.Json;
using Dapper;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// The database defends the ledger on its own: the API connects as a role that owns nothing and may only
/// read, append and make the few updates the code makes; TRUNCATE is refused even to the owner; a balance
/// changes only together with the entry that explains it; a placement only gets its end, once.
/// </summary>
public sealed class DatabaseRoleTests(DatabaseRoleTests.App app) : IClassFixture<DatabaseRoleTests.App>
{
    private const string RuntimeLogin = "ledger_app";
    private const string RuntimeGroup = "ledger_runtime";

    public sealed class App : LedgerApp
    {
        public Guid PersonId { get; private set; }

        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            PersonId = await RegisterInmateAsync("lapas-cirebon", "CRB-ROLE-1");
            await this.CreditAsync([PersonId], 10);
        }
    }

    /// <summary>Every table of the schema but the migrations' journal.</summary>
    private static readonly string[] Tables =
    [
        "facility", "inmate", "inmate_placement", "remission", "discipline_entry", "audit_log", "idempotency_key",
        "programme", "programme_revision", "training_batch", "training_entry", "training_reversal", "certificate", "certificate_revocation",
        "work_order", "work_record", "work_record_reversal",
        "premi_scheme", "premi_run", "premi_run_line", "premi_run_record", "premi_run_exclusion", "premi_paid_record", "premi_account", "premi_entry",
        "staff_profile", "release_letter_sequence", "release_letter",
        "usulan_event",
        "inmate_correction",
        "person_programme_training", "person_month_training", "person_order_work",
        "inmate_release_dates",
    ];

    /// <summary>
    /// The kept values (docs/kept-values.md): state the triggers of the ledger's writes keep, not ledger; the running
    /// process updates them (and deletes a person's year that a reversal empties), the owner rebuilds them.
    /// </summary>
    private static readonly string[] KeptTables = ["daily_programme_total", "daily_person_days", "daily_work_order_day"];

    public static TheoryData<string> LedgerTables => new(Tables);

    private string Owner => app.ConnectionString;

    private string Runtime => app.RuntimeConnectionString;

    [Fact]
    public async Task The_api_connects_as_the_runtime_role_which_is_no_superuser_and_owns_nothing()
    {
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();

        var (user, superuser, owned, member) = await connection.QuerySingleAsync<(string, bool, long, bool)>($"""
            select current_user::text, (select rolsuper from pg_roles where rolname = current_user),
                   (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and pg_has_role(current_user, c.relowner, 'USAGE')),
                   pg_has_role(current_user, '{RuntimeGroup}', 'USAGE')
            """);

        Assert.Equal(RuntimeLogin, user);
        Assert.False(superuser);
        Assert.Equal(0, owned);
        Assert.True(member);
    }

    [Fact]
    public async Task These_tests_cover_every_table_of_the_schema()
    {
        await using var connection = new NpgsqlConnection(Owner);
        var tables = await connection.QueryAsync<string>("select tablename::text from pg_tables where schemaname = 'public' and tablename <> 'schemaversions' order by 1");

        Assert.Equal(Tables.Concat(KeptTables).Order(StringComparer.Ordinal), tables);
    }

    [Theory]
    [MemberData(nameof(LedgerTables))]
    public async Task The_runtime_role_may_not_update_delete_truncate_alter_or_drop_a_trigger_on(string table)
    {
        await using var connection = new NpgsqlConnection(Owner);
        var firstColumn = await connection.QuerySingleAsync<string>(
            "select column_name::text from information_schema.columns where table_schema = 'public' and table_name = @table and is_identity = 'NO' order by ordinal_position limit 1",
            new { table });

        foreach (var sql in new[]
        {
            $"update {table} set {firstColumn} = {firstColumn}",
            $"delete from {table}",
            $"truncate {table} cascade",
            $"alter table {table} disable trigger all",
            $"drop trigger {table}_no_truncate on {table}",
            $"alter table {table} owner to {RuntimeLogin}",
        })
        {
            var error = await RefusedAsync(Runtime, sql);
            Assert.True(error.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {error.SqlState} {error.MessageText}");
        }
    }

    [Fact]
    public async Task The_runtime_role_may_not_switch_off_triggers_create_objects_or_read_the_migration_journal()
    {
        foreach (var sql in new[]
        {
            "set session_replication_role = replica",
            "create table ledger_shadow (id int)",
            "create function ledger_shadow() returns int language sql as 'select 1'",
            "select count(*) from schemaversions",
        })
        {
            var error = await RefusedAsync(Runtime, sql);
            Assert.True(error.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {error.SqlState} {error.MessageText}");
        }
    }

    [Theory]
    [MemberData(nameof(LedgerTables))]
    public async Task Truncate_is_refused_even_to_the_owner_on(string table)
    {
        var error = await RefusedAsync(Owner, $"truncate {table} cascade");

        Assert.Equal("P0001", error.SqlState);
        Assert.StartsWith($"table {table} ", error.MessageText, StringComparison.Ordinal);
        Assert.Contains("TRUNCATE", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_runtime_role_has_exactly_the_reviewed_privileges()
    {
        await using var connection = new NpgsqlConnection(Owner);
        var tables = await connection.QueryAsync<string>($"""
            select c.relname || ':' || concat_ws(' ',
                     case when has_table_privilege('{RuntimeGroup}', c.oid, 'SELECT') then 'SELECT' end,
                     case when has_table_privilege('{RuntimeGroup}', c.oid, 'INSERT') then 'INSERT' end,
                     case when has_table_privilege('{RuntimeGroup}', c.oid, 'DELETE') then 'DELETE' end,
                     case when has_table_privilege('{RuntimeGroup}', c.oid, 'TRUNCATE') then 'TRUNCATE' end,
                     case when has_table_privilege('{RuntimeGroup}', c.oid, 'REFERENCES') then 'REFERENCES' end,
                     case when has_table_privilege('{RuntimeGroup}', c.oid, 'TRIGGER') then 'TRIGGER' end,
                     (select 'UPDATE(' || string_agg(a.attname, ',' order by a.attnum) || ')' from pg_attribute a
                      where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                        and has_column_privilege('{RuntimeGroup}', c.oid, a.attnum, 'UPDATE')))
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
            union all
            select c.relname || ':' || concat_ws(' ',
                     case when has_sequence_privilege('{RuntimeGroup}', c.oid, 'USAGE') then 'USAGE' end,
                     case when has_sequence_privilege('{RuntimeGroup}', c.oid, 'SELECT') then 'SELECT' end,
                     case when has_sequence_privilege('{RuntimeGroup}', c.oid, 'UPDATE') then 'UPDATE' end)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind = 'S'
            union all
            select 'schema public:' || concat_ws(' ',
                     case when has_schema_privilege('{RuntimeGroup}', 'public', 'USAGE') then 'USAGE' end,
                     case when has_schema_privilege('{RuntimeGroup}', 'public', 'CREATE') then 'CREATE' end)
            order by 1
            """);

        string[] reviewed =
        [
            "audit_log:SELECT INSERT",
            "audit_log_id_seq:USAGE",
            "certificate:SELECT INSERT",
            "certificate_revocation:SELECT INSERT",
            "daily_person_active_day:",
            "daily_person_days:SELECT INSERT DELETE UPDATE(facility_code,year,programme_id,inmate_id,days)",
            "daily_person_days_from_ledger:",
            "daily_programme_total:SELECT INSERT UPDATE(facility_code,day,programme_id,minutes,units_produced,units_passed,premi_posted,premi_reversed)",
            "daily_programme_total_from_ledger:",
            "daily_work_order_day:SELECT INSERT UPDATE(facility_code,day,work_order_id,live_records,units_passed)",
            "daily_work_order_day_from_ledger:",
            "discipline_entry:SELECT INSERT",
            "facility:SELECT INSERT UPDATE(settings)",
            "idempotency_key:SELECT INSERT UPDATE(status_code,response_body)",
            "inmate:SELECT INSERT UPDATE(facility_code,full_name,birth_date,detention_date,sentence_years,sentence_months,sentence_days,sentence_kind,released_on)",
            "inmate_correction:SELECT INSERT",
            "inmate_placement:SELECT INSERT UPDATE(ended_on)",
            "inmate_release_dates:SELECT INSERT UPDATE(facility_code,released_on,expiry,adjusted_expiry,half_date,two_thirds_date)",
            "live_training_entry:SELECT",
            "person_month_training:SELECT INSERT UPDATE(minutes)",
            "person_month_training_from_ledger:",
            "person_order_work:SELECT INSERT UPDATE(records,days_worked,minutes,units_produced,units_passed,first_day,last_day)",
            "person_order_work_from_ledger:",
            "person_programme_training:SELECT INSERT UPDATE(minutes,first_day,last_day)",
            "person_programme_training_from_ledger:",
            "premi_account:SELECT INSERT UPDATE(spendable,savings,total_earned,version,closed_on)",
            "premi_entry:SELECT INSERT",
            "premi_paid_record:SELECT INSERT",
            "premi_run:SELECT INSERT UPDATE(status,decided_by,decided_at,cancel_reason)",
            "premi_run_exclusion:SELECT INSERT",
            "premi_run_line:SELECT INSERT",
            "premi_run_record:SELECT INSERT",
            "premi_scheme:SELECT INSERT",
            "programme:SELECT INSERT UPDATE(name,required_minutes,retired_on)",
            "programme_revision:SELECT INSERT",
            "release_letter:SELECT INSERT",
            "release_letter_sequence:SELECT INSERT UPDATE(last_number)",
            "remission:SELECT INSERT",
            "schema public:USAGE",
            "schemaversions:",
            "schemaversions_schemaversionsid_seq:",
            "staff_profile:SELECT INSERT UPDATE(full_name,nip)",
            "training_batch:SELECT INSERT",
            "training_entry:SELECT INSERT",
            "training_reversal:SELECT INSERT",
            "usulan_event:SELECT INSERT",
            "work_order:SELECT INSERT UPDATE(closed_on,revenue,costs,closed_by,closed_at)",
            "work_record:SELECT INSERT",
            "work_record_reversal:SELECT INSERT",
        ];
        Assert.Equal(reviewed.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_forged_balance_is_refused_to_the_runtime_role_and_to_the_owner()
    {
        const string Forge = "update premi_account set spendable = spendable + 1000000, version = version + 1 where inmate_id = @id";

        foreach (var connectionString in new[] { Runtime, Owner })
        {
            var error = await RefusedAsync(connectionString, Forge, new { id = app.PersonId });
            Assert.True(error.SqlState == "P0001", $"{error.SqlState} {error.MessageText}");
            Assert.Contains("entry", error.MessageText);
        }
    }

    [Fact]
    public async Task A_new_account_opens_empty()
    {
        var stranger = await app.RegisterInmateAsync("lapas-cirebon", "CRB-ROLE-2");

        var error = await RefusedAsync(Runtime, "insert into premi_account (inmate_id, spendable, savings, total_earned, version, opened_at) values (@id, 1000000, 0, 1000000, 0, now())", new { id = stranger });

        Assert.True(error.SqlState == "P0001", $"{error.SqlState} {error.MessageText}");
    }

    [Fact]
    public async Task An_entry_that_moves_no_balance_is_refused_when_its_transaction_commits()
    {
        const string Entry = """
            insert into premi_entry (id, inmate_id, version, kind, spendable_change, savings_change, earned_change, spendable_after, savings_after,
                                     facility_code, purpose, recorded_by, recorded_at)
            select gen_random_uuid(), a.inmate_id, a.version + 1, 'withdrawal', -a.spendable, 0, 0, 0, a.savings, 'lapas-cirebon', 'basic-needs', 'forger', now()
            from premi_account a where a.inmate_id = @id
            """;

        var error = await RefusedAsync(Runtime, Entry, new { id = app.PersonId }, commit: true);

        Assert.True(error.SqlState == "P0001", $"{error.SqlState} {error.MessageText}");
        await app.AssertBalanceIsSumOfEntriesAsync(app.PersonId);
    }

    [Fact]
    public async Task A_run_credit_must_be_an_approved_line_of_its_run_and_is_posted_once()
    {
        // A second credit of the same run line, with its balance moved to match, is still a forgery.
        const string Again = """
            insert into premi_entry (id, inmate_id, version, kind, spendable_change, savings_change, earned_change, spendable_after, savings_after,
                                     facility_code, run_id, line_no, recorded_by, recorded_at)
            select gen_random_uuid(), a.inmate_id, a.version + 1, 'run-credit', e.spendable_change, e.savings_change, e.earned_change,
                   a.spendable + e.spendable_change, a.savings + e.savings_change, e.facility_code, e.run_id, e.line_no, 'forger', now()
            from premi_account a join premi_entry e on e.inmate_id = a.inmate_id and e.kind = 'run-credit'
            where a.inmate_id = @id;
            update premi_account a set spendable = e.spendable_after, savings = e.savings_after, total_earned = a.total_earned + e.earned_change, version = e.version
            from premi_entry e where e.inmate_id = a.inmate_id and e.version = a.version + 1 and a.inmate_id = @id;
            """;

        var error = await RefusedAsync(Runtime, Again, new { id = app.PersonId }, commit: true);

        Assert.True(error.SqlState is "P0001" or PostgresErrorCodes.UniqueViolation, $"{error.SqlState} {error.MessageText}");
        await app.AssertBalanceIsSumOfEntriesAsync(app.PersonId);
    }

    [Fact]
    public async Task A_placement_takes_only_its_end_and_only_once()
    {
        var person = await app.RegisterInmateAsync("lapas-cirebon", "CRB-ROLE-3", detentionDate: "2024-03-01");
        const string Where = "where inmate_id = @person";

        foreach (var sql in new[]
        {
            $"update inmate_placement set ended_on = date '2024-04-01' {Where}; update inmate_placement set ended_on = date '2024-05-01' {Where}",
            $"update inmate_placement set facility_code = 'lapas-gintung' {Where}",
            $"update inmate_placement set started_on = date '2024-02-01', ended_on = date '2024-04-01' {Where}",
            $"update inmate_placement set ended_on = null {Where}",
            $"delete from inmate_placement {Where}",
        })
        {
            foreach (var connectionString in new[] { Runtime, Owner })
            {
                var error = await RefusedAsync(connectionString, sql, new { person });
                Assert.True(error.SqlState is "P0001" or PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {error.SqlState} {error.MessageText}");
            }
        }
        var twice = await RefusedAsync(Owner, $"update inmate_placement set ended_on = date '2024-04-01' {Where}; update inmate_placement set ended_on = date '2024-05-01' {Where}", new { person });
        Assert.Contains("only setting ended_on", twice.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_idempotent_response_is_never_rewritten()
    {
        var key = "db-role-" + Guid.NewGuid().ToString("N");
        var admin = app.Client("admin", region: "jawa-barat");
        admin.DefaultRequestHeaders.Add("Idempotency-Key", key);
        var first = await admin.PostAsJsonAsync($"/api/v1/inmates/{app.PersonId}/discipline", new { occurredOn = "2025-11-01", description = "Terlambat apel" });
        Assert.Equal(System.Net.HttpStatusCode.Created, first.StatusCode);
        const string Where = "where key = @key";

        foreach (var sql in new[]
        {
            $"update idempotency_key set response_body = '{{}}' {Where}",
            $"update idempotency_key set status_code = 200 {Where}",
            $"update idempotency_key set request_hash = 'x' {Where}",
            $"delete from idempotency_key {Where}",
        })
        {
            foreach (var connectionString in new[] { Runtime, Owner })
            {
                var error = await RefusedAsync(connectionString, sql, new { key });
                Assert.True(error.SqlState is "P0001" or PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {error.SqlState} {error.MessageText}");
            }
        }
        var rewrite = await RefusedAsync(Runtime, $"update idempotency_key set status_code = 201, response_body = '{{}}' {Where}", new { key });
        Assert.Contains("only completing an open key", rewrite.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_programmes_name_and_required_minutes_change_only_with_a_revision_of_the_same_transaction()
    {
        var programme = await app.QuerySingleAsync<Guid>("select id from programme where facility_code = 'lapas-cirebon' and code = 'sabut-kelapa'");
        const string Revision = """
            insert into programme_revision (id, programme_id, revised_by, revised_at, reason, name_before, name_after, required_minutes_before, required_minutes_after)
            select gen_random_uuid(), id, 'dba', now(), 'uji', name, 'Nama lain', required_minutes, required_minutes from programme where id = @programme;
            """;

        foreach (var sql in new[]
        {
            "update programme set name = 'Nama lain' where id = @programme",
            "update programme set required_minutes = 1 where id = @programme",
            // A revision that explains another change does not explain this one.
            Revision + "update programme set name = 'Nama ketiga' where id = @programme",
        })
        {
            foreach (var connectionString in new[] { Runtime, Owner })
            {
                var error = await RefusedAsync(connectionString, sql, new { programme });
                Assert.True(error.SqlState == "P0001", $"{sql}: {error.SqlState} {error.MessageText}");
                Assert.Contains("only with a programme_revision", error.MessageText, StringComparison.Ordinal);
            }
        }
        foreach (var sql in new[] { "update programme_revision set reason = 'x'", "delete from programme_revision" })
        {
            var error = await RefusedAsync(Owner, Revision + sql, new { programme });
            Assert.Contains("programme_revision is history", error.MessageText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Given_only_a_superuser_connection_string_the_api_connects_as_the_runtime_role_and_says_so()
    {
        var logs = new ListLoggerProvider();
        await using var single = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Ledger", Owner)
            .UseSetting("Auth:SigningKey", LedgerApp.SigningKey)
            .ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        var dataSource = single.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();

        Assert.Equal(RuntimeLogin, await connection.QuerySingleAsync<string>("select current_user::text"));
        Assert.Single(logs.Messages, m => m.Contains(RuntimeLogin, StringComparison.Ordinal) && m.Contains("superuser", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_migration_connection_the_api_refuses_to_serve_as_a_superuser()
    {
        using var misconfigured = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Ledger", Owner)
            .UseSetting("ConnectionStrings:LedgerMigrations", Owner)
            .UseSetting("Auth:SigningKey", LedgerApp.SigningKey));

        var error = Assert.ThrowsAny<Exception>(() => misconfigured.CreateClient());

        Assert.Contains("superuser", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="sql"/> in a transaction that is rolled back (or committed), and returns the refusal; fails when nothing refused it.</summary>
    private static async Task<PostgresException> RefusedAsync(string connectionString, string sql, object? parameters = null, bool commit = false)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        try
        {
            await connection.ExecuteAsync(sql, parameters, transaction);
            if (commit)
            {
                await transaction.CommitAsync();
            }
        }
        catch (PostgresException error)
        {
            return error;
        }
        if (!commit)
        {
            await transaction.RollbackAsync();
        }
        Assert.Fail($"The database accepted: {sql}");
        throw new InvalidOperationException("unreachable");
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Queue { get; } = new();

        public IEnumerable<string> Messages => Queue;

        public ILogger CreateLogger(string categoryName) => new ListLogger(Queue);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ConcurrentQueue<string> queue) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                queue.Enqueue(formatter(state, exception));
        }
    }
}
