using Microsoft.AspNetCore.HttpLogging;

namespace Ledger.Api.Web;

/// <summary>
/// One Information line per request with its method, path (never the query string: searches name people),
/// status and duration, from ASP.NET Core's HTTP logging. The hosting "Request starting/finished" lines, which
/// carry the whole URL with its query, are turned off. Headers are not logged, so no token is; Npgsql is not
/// connected to the logger at all (no SQL, no parameters).
/// </summary>
public static class RequestLogging
{
    public static void AddRequestLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        // In code, after the configuration's rules: of two rules for the same category the later wins, so a
        // Logging:LogLevel setting does not bring the full URLs back.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
    }
}
