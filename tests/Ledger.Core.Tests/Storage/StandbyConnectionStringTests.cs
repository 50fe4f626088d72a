using Ledger.Core.Storage;
using Npgsql;

namespace Ledger.Core.Tests.Storage;

/// <summary>
/// Where the reads that may be a moment old connect (<see cref="LedgerDatabase.StandbyConnectionString"/>): nowhere
/// of their own without a standby; the hosts of LEDGER_READ_DB, or of a multi-host LEDGER_DB, preferring a standby;
/// always as the runtime role the API was checked to be.
/// </summary>
public sealed class StandbyConnectionStringTests
{
    private const string Runtime = "Host=10.0.0.1;Username=ledger_app;Password=secret;Database=ledger";

    [Fact]
    public void One_host_and_no_read_string_means_no_standby() =>
        Assert.Null(LedgerDatabase.StandbyConnectionString(Runtime, null));

    [Fact]
    public void A_multi_host_runtime_string_reads_from_the_same_hosts_preferring_a_standby()
    {
        var settings = new NpgsqlConnectionStringBuilder(LedgerDatabase.StandbyConnectionString(
            "Host=10.0.0.1,10.0.0.2;Username=ledger_app;Database=ledger;Target Session Attributes=primary", " "));

        Assert.Equal(("10.0.0.1,10.0.0.2", "prefer-standby", "ledger_app"), (settings.Host, settings.TargetSessionAttributes, settings.Username));
    }

    [Fact]
    public void A_read_string_gives_the_hosts_and_the_runtime_string_the_role_and_the_rest()
    {
        var settings = new NpgsqlConnectionStringBuilder(LedgerDatabase.StandbyConnectionString(Runtime + ";SSL Mode=VerifyFull;Timeout=7",
            "Host=10.0.0.2,10.0.0.1;Username=postgres;Password=other;Load Balance Hosts=true;Timeout=3"));

        Assert.Equal(("10.0.0.2,10.0.0.1", "ledger_app", "secret", "ledger"), (settings.Host, settings.Username, settings.Password, settings.Database));
        Assert.Equal((SslMode.VerifyFull, 3), (settings.SslMode, settings.Timeout));
        // One standby at a time: the check measures the server the reads reach.
        Assert.Equal(("prefer-standby", false), (settings.TargetSessionAttributes, settings.LoadBalanceHosts));
    }

    [Fact]
    public void A_read_string_that_names_its_session_attributes_keeps_them()
    {
        var settings = new NpgsqlConnectionStringBuilder(LedgerDatabase.StandbyConnectionString(Runtime, "Host=10.0.0.2;Target Session Attributes=standby"));

        Assert.Equal("standby", settings.TargetSessionAttributes);
    }
}
