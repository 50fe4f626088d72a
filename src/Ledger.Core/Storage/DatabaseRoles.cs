using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Ledger.Core.Storage;

/// <summary>The connection the API (and the demo seed) writes through, and why it is that one.</summary>
public sealed record RuntimeConnection(string ConnectionString, string User, string? Note);

/// <summary>
/// The two database roles. Migrations run as the owner of the tables; the API runs as a login role in the NOLOGIN group
/// <see cref="RuntimeGroup"/>, to which migration 0005 grants SELECT and INSERT and the few column UPDATEs the code
/// makes, nothing else. Given one connection string that names a superuser (a developer's own server), the migrator
/// creates the login <see cref="FallbackLogin"/> and the API connects as it.
/// </summary>
public static class DatabaseRoles
{
    /// <summary>The group the migrations grant to; the API's login role is a member.</summary>
    public const string RuntimeGroup = "ledger_runtime";

    /// <summary>The login role of the private cluster and of the one-superuser-string case.</summary>
    public const string FallbackLogin = "ledger_app";

    /// <summary>
    /// <paramref name="superuser"/> with <see cref="FallbackLogin"/> as its user. Its password, when the superuser's has
    /// one, is derived from it (HMAC-SHA256), so the migrator and the API find the same without storing it anywhere.
    /// </summary>
    public static string FallbackConnectionString(string superuser)
    {
        var builder = new NpgsqlConnectionStringBuilder(superuser);
        builder.Password = DerivedPassword(builder.Password);
        builder.Username = FallbackLogin;
        return builder.ConnectionString;
    }

    private static string? DerivedPassword(string? superuserPassword) =>
        string.IsNullOrEmpty(superuserPassword)
            ? null
            : Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(superuserPassword), Encoding.UTF8.GetBytes(FallbackLogin)))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static async Task<bool> IsSuperuserAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = await OpenAsync(connectionString, ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("select rolsuper from pg_roles where rolname = current_user", cancellationToken: ct));
    }

    /// <summary>
    /// Creates (or repairs) the login <see cref="FallbackLogin"/>: LOGIN, no superuser, a member of <see cref="RuntimeGroup"/>
    /// (which migration 0005 created), with the derived password. Run by the migrator as a superuser.
    /// </summary>
    public static async Task EnsureFallbackLoginAsync(string superuser, CancellationToken ct)
    {
        var password = DerivedPassword(new NpgsqlConnectionStringBuilder(superuser).Password);
        // Roles are cluster-wide: another process may create it at the same moment (then the catalog says "duplicate"
        // or "tuple concurrently updated"), so a refused attempt is tried again and then finds the role there.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(superuser, ct);
                var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "select exists (select 1 from pg_roles where rolname = @login)", new { login = FallbackLogin }, cancellationToken: ct));
                var sql = new StringBuilder();
                sql.Append(exists ? $"alter role {FallbackLogin} login nosuperuser nobypassrls" : $"create role {FallbackLogin} login nosuperuser nobypassrls");
                if (password is not null)
                {
                    // A DDL statement takes no parameters; the password is base64url, so it never needs escaping.
                    sql.Append(" password '").Append(password).Append('\'');
                }
                sql.Append($"; grant {RuntimeGroup} to {FallbackLogin};");
                await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), cancellationToken: ct));
                return;
            }
            catch (PostgresException e) when (attempt < 3 && e.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.InternalError)
            {
                await Task.Delay(50 * attempt, ct);
            }
        }
    }

    /// <summary>
    /// The connection the API writes through. With a migration connection configured, <paramref name="configured"/> is
    /// used as it is. Without one, a superuser in <paramref name="configured"/> is replaced by <see cref="FallbackLogin"/>
    /// (the note says so). Either way the role is checked: no superuser, owner of nothing, member of <see cref="RuntimeGroup"/>;
    /// otherwise this throws with what to change.
    /// </summary>
    public static async Task<RuntimeConnection> ResolveRuntimeAsync(string configured, bool migrationConnectionGiven, CancellationToken ct)
    {
        var connectionString = configured;
        string? note = null;
        var role = await InspectAsync(configured, ct);
        if (role.Superuser && !migrationConnectionGiven)
        {
            connectionString = FallbackConnectionString(configured);
            note = $"database: the one connection string names the superuser {role.Name}; the API connects as the runtime role {FallbackLogin} instead (set a migration connection string to choose the roles yourself)";
            try
            {
                role = await InspectAsync(connectionString, ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidAuthorizationSpecification or PostgresErrorCodes.InvalidPassword)
            {
                throw new InvalidOperationException($"The runtime role {FallbackLogin} cannot log in ({e.MessageText}): run `migrate` with the same connection string first, which creates it.", e);
            }
        }
        if (role.Superuser)
        {
            throw new InvalidOperationException($"The API's database user {role.Name} is a superuser, who can switch off every guard of the ledger: set LEDGER_DB (ConnectionStrings:Ledger) to a login role in {RuntimeGroup} and LEDGER_MIGRATION_DB (ConnectionStrings:LedgerMigrations) to the owner's.");
        }
        if (role.OwnedTables > 0)
        {
            throw new InvalidOperationException($"The API's database user {role.Name} owns {role.OwnedTables} of the ledger's tables, views and sequences and could alter or empty them: migrations run as the owner (LEDGER_MIGRATION_DB), the API as a login role in {RuntimeGroup} that owns nothing (LEDGER_DB).");
        }
        if (!role.Member)
        {
            throw new InvalidOperationException($"The API's database user {role.Name} is not a member of {RuntimeGroup}, which holds the ledger's grants: GRANT {RuntimeGroup} TO {role.Name} (and run `migrate` if {RuntimeGroup} is missing).");
        }
        return new RuntimeConnection(connectionString, role.Name, note);
    }

    private sealed record Role(string Name, bool Superuser, long OwnedTables, bool Member);

    private static async Task<Role> InspectAsync(string connectionString, CancellationToken ct)
    {
        const string Sql = """
            select current_user::text as Name,
                   (select rolsuper from pg_roles where rolname = current_user) as Superuser,
                   (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S')
                      and pg_has_role(current_user, c.relowner, 'USAGE')) as OwnedTables,
                   exists (select 1 from pg_roles g where g.rolname = @group and pg_has_role(current_user, g.oid, 'USAGE')) as Member
            """;
        await using var connection = await OpenAsync(connectionString, ct);
        return await connection.QuerySingleAsync<Role>(new CommandDefinition(Sql, new { group = RuntimeGroup }, cancellationToken: ct));
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
