using Dapper;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Core.Storage;
using NodaTime;

namespace Ledger.Api.Tests.Operations;

/// <summary>Dapper binds and reads every NodaTime type we store, through the data source's UseNodaTime.</summary>
public sealed class NodaTimeRoundTripTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private sealed record Row(LocalDate Day, Instant Moment, LocalDateTime Local, Period Span, LocalTime Time, LocalDate? Missing);

    [Fact]
    public async Task Each_NodaTime_type_makes_a_round_trip_through_Dapper_unchanged()
    {
        var written = new Row(new LocalDate(2024, 2, 29), Instant.FromUtc(2025, 10, 16, 23, 30, 15).PlusNanoseconds(123_456_000),
            new LocalDateTime(2025, 9, 29, 7, 45), Period.FromYears(2) + Period.FromMonths(3) + Period.FromDays(15), new LocalTime(13, 5), null);
        await using var dataSource = LedgerDatabase.CreateDataSource(app.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("create temporary table noda (day date, moment timestamptz, local timestamp, span interval, time time, missing date)");
        await connection.ExecuteAsync("insert into noda values (@Day, @Moment, @Local, @Span, @Time, @Missing)", written);

        var read = await connection.QuerySingleAsync<Row>("select day as Day, moment as Moment, local as Local, span as Span, time as Time, missing as Missing from noda");

        Assert.Equal(written with { Span = read.Span }, read);
        Assert.Equal(written.Span.Normalize(), read.Span.Normalize());
    }
}
