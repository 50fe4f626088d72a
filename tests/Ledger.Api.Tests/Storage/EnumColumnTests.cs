using System.Text.RegularExpressions;
using Dapper;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Core;
using Ledger.Core.Inmates;
using Ledger.Core.Premi;
using Ledger.Core.Sentences;
using Ledger.Core.Skills;
using Ledger.Core.Storage;
using Npgsql;

namespace Ledger.Api.Tests.Storage;

/// <summary>
/// An enum is spelled once (<see cref="Wire"/>): the text columns that hold one list exactly the enum's wire
/// spellings in their CHECK, and Dapper writes and reads every value in that spelling.
/// </summary>
public sealed partial class EnumColumnTests : IAsyncLifetime
{
    /// <summary>Every text column whose CHECK lists its values, with the enum it holds (null: plain text, no enum).</summary>
    private static readonly Dictionary<string, Type?> Columns = new()
    {
        ["inmate.sentence_kind"] = typeof(SentenceKind),
        ["remission.kind"] = typeof(RemissionKind),
        ["programme.kind"] = typeof(ProgrammeKind),
        // Which path recorded a batch; only the stores write it, no one reads it back.
        ["training_batch.source"] = null,
        // Which field a correction changed; only the registry import writes it.
        ["inmate_correction.field"] = null,
        ["usulan_event.right_kind"] = typeof(Ledger.Core.Readiness.UsulanRight),
        ["usulan_event.state"] = typeof(Ledger.Core.Readiness.UsulanState),
        ["certificate.issuer_kind"] = typeof(IssuerKind),
        ["certificate.result"] = typeof(CertificateResult),
        ["premi_scheme.kind"] = typeof(PremiSchemeKind),
        ["premi_run.status"] = typeof(PremiRunStatus),
        ["premi_run_line.basis_unit"] = typeof(PremiBasisUnit),
        ["premi_entry.kind"] = typeof(PremiEntryKind),
        ["premi_entry.purpose"] = typeof(WithdrawalPurpose),
    };

    public static TheoryData<string> EnumColumns => new(Columns.Where(c => c.Value is not null).Select(c => c.Key));

    private string _database = "";
    private NpgsqlDataSource? _dataSource;

    private NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _dataSource = LedgerDatabase.CreateDataSource(TestDatabase.ConnectionStringFor(_database));
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
        await TestDatabase.DropAsync(_database);
    }

    [Fact]
    public async Task Every_column_with_a_list_of_values_is_known_here()
    {
        Assert.Equal(Columns.Keys.Order(), (await CheckedValuesAsync()).Keys.Order());
    }

    [Theory]
    [MemberData(nameof(EnumColumns))]
    public async Task A_column_allows_exactly_the_wire_spellings_of_its_enum(string column)
    {
        var enumType = Columns[column]!;
        var spellings = Enum.GetValues(enumType).Cast<Enum>().Select(v => Wire.Naming.ConvertName(v.ToString())).Order();

        Assert.Equal(spellings, (await CheckedValuesAsync())[column].Order());
    }

    [Theory]
    [MemberData(nameof(EnumColumns))]
    public async Task Every_value_is_written_and_read_back_in_its_wire_spelling(string column)
    {
        var roundTrip = typeof(EnumColumnTests).GetMethod(nameof(RoundTripAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        await (Task)roundTrip.MakeGenericMethod(Columns[column]!).Invoke(this, [])!;
    }

    private async Task RoundTripAsync<T>() where T : struct, Enum
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        foreach (var value in Enum.GetValues<T>())
        {
            Assert.Equal(Wire.Of(value), await connection.ExecuteScalarAsync<string>("select @value::text", new { value }));
            Assert.Equal(value, (await connection.QuerySingleAsync<Held<T>>("select @spelling as Value", new { spelling = Wire.Of(value) })).Value);
            Assert.Equal(value, (await connection.QuerySingleAsync<Held<T?>>("select @spelling as Value", new { spelling = Wire.Of(value) })).Value);
        }
    }

    /// <summary>A row with one enum column, read the way the stores read their records (by constructor).</summary>
    private sealed record Held<T>(T Value);

    /// <summary>Each column's CHECK values as PostgreSQL keeps them: <c>CHECK ((kind = ANY (ARRAY['a'::text, ...])))</c>.</summary>
    private async Task<Dictionary<string, string[]>> CheckedValuesAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        var checks = await connection.QueryAsync<(string Table, string Definition)>("""
            select c.conrelid::regclass::text, pg_get_constraintdef(c.oid)
            from pg_constraint c join pg_namespace n on n.oid = c.connamespace
            where c.contype = 'c' and n.nspname = 'public'
            """);
        return checks
            .Select(c => (c.Table, Match: ValueList().Match(c.Definition)))
            .Where(c => c.Match.Success)
            .ToDictionary(
                c => $"{c.Table}.{c.Match.Groups["column"].Value}",
                c => c.Match.Groups["value"].Captures.Select(v => v.Value).ToArray());
    }

    [GeneratedRegex(@"^CHECK \(\((?<column>\w+) = ANY \(ARRAY\[(?:'(?<value>[^']*)'::text(?:, )?)+\]\)\)\)$")]
    private static partial Regex ValueList();
}
