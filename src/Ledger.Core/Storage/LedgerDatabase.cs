using Dapper;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Storage;

/// <summary>
/// Builds the process's one <see cref="NpgsqlDataSource"/> and teaches Dapper the ledger's types: NodaTime values,
/// typed ids, rupiah and enums.
/// </summary>
public static class LedgerDatabase
{
    private static int _dapperConfigured;

    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        ConfigureDapper();
        var builder = new NpgsqlDataSourceBuilder(WithPoolDefaults(connectionString));
        builder.UseNodaTime();
        return builder.Build();
    }

    /// <summary>
    /// The connection settings every request profits from, unless the connection string sets them itself:
    /// <list type="bullet">
    /// <item>Automatic preparation: a statement sent twice on a connection is prepared there and then only bound and
    /// executed (no parse, no plan from scratch), for the few hundred distinct statements the API sends.</item>
    /// <item>No reset on close: a connection returned to the pool is not sent <c>DISCARD ALL</c> (or, once statements
    /// are prepared, its six-command equivalent) before its next use. Safe because nothing the API does outlives its
    /// transaction: temporary tables are <c>ON COMMIT DROP</c>, settings are <c>SET LOCAL</c>, advisory locks are
    /// transaction locks, no <c>SET ROLE</c>, <c>LISTEN</c> or cursor is used; the role is the connection's login, the
    /// same for every use. A new piece of code that needs session state must reset it itself.</item>
    /// </list>
    /// </summary>
    public static string WithPoolDefaults(string connectionString)
    {
        // NpgsqlConnectionStringBuilder.ContainsKey says whether a keyword is known, not whether it was written: the
        // written keys are read with the plain builder (keys compared without case, spaces as written or left out).
        var written = WrittenKeys(connectionString);
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!written.Contains("MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = 256;
        }
        if (!written.Contains("AutoPrepareMinUsages"))
        {
            settings.AutoPrepareMinUsages = 2;
        }
        if (!written.Contains("NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }
        return settings.ConnectionString;
    }

    /// <summary>
    /// The connection string of the reads that may go to a standby (<see cref="StandbyReads"/>), or null when there is
    /// none: the <paramref name="runtime"/> string (its role, TLS and every other setting) with what
    /// <paramref name="reads"/> (LEDGER_READ_DB) writes over it, typically the hosts; without a reads string, the runtime
    /// string itself when it names several hosts (one multi-host string for both). Then <c>Target Session
    /// Attributes=prefer-standby</c> unless the reads string says otherwise, so that a standby is chosen and the primary
    /// answers when none does. Never another user or password: the role rules (<see cref="DatabaseRoles.ResolveRuntimeAsync"/>)
    /// were checked for the runtime role, and a physical standby has the same roles. Never load balancing: the check
    /// measures the one server the reads reach, the first standby of the list that answers.
    /// </summary>
    public static string? StandbyConnectionString(string runtime, string? reads)
    {
        var settings = new NpgsqlConnectionStringBuilder(runtime);
        var written = string.IsNullOrWhiteSpace(reads) ? [] : WrittenKeys(reads);
        if (written.Count == 0 && settings.Host?.Contains(',', StringComparison.Ordinal) != true)
        {
            return null;
        }
        var (user, password) = (settings.Username, settings.Password);
        if (written.Count > 0)
        {
            var readSettings = new NpgsqlConnectionStringBuilder(reads);
            foreach (var key in new System.Data.Common.DbConnectionStringBuilder { ConnectionString = reads }.Keys.Cast<string>())
            {
                settings[key] = readSettings[key];
            }
        }
        settings.Username = user;
        settings.Password = password;
        settings.LoadBalanceHosts = false;
        if (!written.Contains("TargetSessionAttributes"))
        {
            settings.TargetSessionAttributes = "prefer-standby";
        }
        return settings.ConnectionString;
    }

    /// <summary>The keys a connection string writes, without spaces (Npgsql's builder answers for every key it knows).</summary>
    private static HashSet<string> WrittenKeys(string connectionString) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Dapper refuses NodaTime values as parameters ("cannot be used as a parameter value") unless a
    /// handler exists; the handlers pass values through untouched and Npgsql's NodaTime plugin converts.
    /// </summary>
    public static void ConfigureDapper()
    {
        if (Interlocked.Exchange(ref _dapperConfigured, 1) == 1)
        {
            return;
        }
        SqlMapper.AddTypeHandler(new PassThroughHandler<LocalDate>());
        SqlMapper.AddTypeHandler(new PassThroughHandler<Instant>());
        SqlMapper.AddTypeHandler(new PassThroughHandler<LocalDateTime>());
        SqlMapper.AddTypeHandler(new PassThroughHandler<Period>());
        SqlMapper.AddTypeHandler(new PassThroughHandler<LocalTime>());
        foreach (var idType in TypedIds.All)
        {
            SqlMapper.AddTypeHandler(idType, (SqlMapper.ITypeHandler)Activator.CreateInstance(typeof(GuidIdHandler<>).MakeGenericType(idType))!);
        }
        SqlMapper.AddTypeHandler(new RupiahHandler());
        // Without this Dapper sends an enum as its number and reads one by its own case-insensitive name match;
        // with it every enum goes through the handler below, so the database holds the wire spelling.
        SqlMapper.Settings.PreferTypeHandlersForEnums = true;
        foreach (var enumType in typeof(Wire).Assembly.GetTypes().Where(t => t.IsEnum))
        {
            SqlMapper.AddTypeHandler(enumType, (SqlMapper.ITypeHandler)Activator.CreateInstance(typeof(WireEnumHandler<>).MakeGenericType(enumType))!);
        }
    }

    /// <summary>Enums travel as text in their <see cref="Wire"/> spelling, the values the columns' CHECKs list.</summary>
    private sealed class WireEnumHandler<T> : SqlMapper.TypeHandler<T> where T : struct, Enum
    {
        public override void SetValue(System.Data.IDbDataParameter parameter, T value)
        {
            parameter.DbType = System.Data.DbType.String;
            parameter.Value = Wire.Of(value);
        }

        public override T Parse(object value) => Wire.Parse<T>((string)value);
    }

    /// <summary>Typed ids travel as uuid.</summary>
    private sealed class GuidIdHandler<T> : SqlMapper.TypeHandler<T> where T : struct, ITypedId<T>
    {
        public override void SetValue(System.Data.IDbDataParameter parameter, T value) => parameter.Value = value.Value;

        public override T Parse(object value) => T.From((Guid)value);
    }

    /// <summary>Money travels as bigint whole rupiah.</summary>
    private sealed class RupiahHandler : SqlMapper.TypeHandler<Premi.Rupiah>
    {
        public override void SetValue(System.Data.IDbDataParameter parameter, Premi.Rupiah value)
        {
            parameter.DbType = System.Data.DbType.Int64;
            parameter.Value = value.Value;
        }

        public override Premi.Rupiah Parse(object value) => new(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class PassThroughHandler<T> : SqlMapper.TypeHandler<T>
    {
        public override void SetValue(System.Data.IDbDataParameter parameter, T? value) => parameter.Value = value;

        public override T Parse(object value) => (T)value;
    }
}
