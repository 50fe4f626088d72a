using Ledger.Core.Storage;
using Npgsql;

namespace Ledger.Core.Tests.Storage;

/// <summary>The runtime login of the one-superuser-string case: same server and database, its own user and password.</summary>
public sealed class DatabaseRolesTests
{
    [Fact]
    public void The_fallback_login_keeps_the_server_and_takes_its_own_user_and_a_password_derived_from_the_superusers()
    {
        var superuser = "Host=db.example;Port=5433;Username=alice;Password=s3cret;Database=ledger;SSL Mode=Require";

        var runtime = new NpgsqlConnectionStringBuilder(DatabaseRoles.FallbackConnectionString(superuser));

        Assert.Equal(("db.example", 5433, "ledger", SslMode.Require), (runtime.Host, runtime.Port, runtime.Database, runtime.SslMode));
        Assert.Equal(DatabaseRoles.FallbackLogin, runtime.Username);
        Assert.NotNull(runtime.Password);
        Assert.NotEqual("s3cret", runtime.Password);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", runtime.Password);
        Assert.Equal(runtime.Password, new NpgsqlConnectionStringBuilder(DatabaseRoles.FallbackConnectionString(superuser)).Password);
        Assert.NotEqual(runtime.Password, new NpgsqlConnectionStringBuilder(DatabaseRoles.FallbackConnectionString(superuser.Replace("s3cret", "other", StringComparison.Ordinal))).Password);
    }

    [Fact]
    public void Without_a_superuser_password_the_fallback_login_has_none()
    {
        var runtime = new NpgsqlConnectionStringBuilder(DatabaseRoles.FallbackConnectionString("Host=127.0.0.1;Port=55432;Username=postgres;Database=ledger"));

        Assert.Equal((DatabaseRoles.FallbackLogin, null), (runtime.Username, runtime.Password));
    }
}
