using Ledger.Core.Storage;
using Npgsql;

namespace Ledger.Core.Tests.Storage;

/// <summary>
/// The pool settings every request profits from (automatic preparation, no reset on close) are added to a connection
/// string that does not set them, and a string that sets them keeps its own values.
/// </summary>
public sealed class PoolDefaultsTests
{
    [Fact]
    public void A_connection_string_without_them_gets_automatic_preparation_and_no_reset_on_close()
    {
        var settings = new NpgsqlConnectionStringBuilder(LedgerDatabase.WithPoolDefaults("Host=127.0.0.1;Port=55432;Username=ledger_app;Database=ledger"));

        Assert.Equal((256, 2, true), (settings.MaxAutoPrepare, settings.AutoPrepareMinUsages, settings.NoResetOnClose));
        Assert.Equal(("127.0.0.1", "ledger_app", "ledger"), (settings.Host, settings.Username, settings.Database));
    }

    [Theory]
    [InlineData("Host=h;Max Auto Prepare=0;Auto Prepare Min Usages=5;No Reset On Close=false")]
    [InlineData("Host=h;maxautoprepare=0;AUTOPREPAREMINUSAGES=5;NoResetOnClose=false")]
    public void A_connection_string_that_sets_them_keeps_its_values(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(LedgerDatabase.WithPoolDefaults(connectionString));

        Assert.Equal((0, 5, false), (settings.MaxAutoPrepare, settings.AutoPrepareMinUsages, settings.NoResetOnClose));
    }
}
