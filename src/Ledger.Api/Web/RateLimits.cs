using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Ledger.Core.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Ledger.Api.Web;

/// <summary>
/// Requests a minute (fixed one-minute windows, no queue), counted per user (the token's <c>sub</c>) for
/// requests with a valid token and per client address for all others (no token, a refused token), health and
/// the docs included. Each API process counts on its own.
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary><c>RateLimits:PerUserPerMinute</c>: requests a minute for one user.</summary>
    public int PerUserPerMinute { get; set; } = 600;

    /// <summary><c>RateLimits:AnonymousPerMinute</c>: requests a minute from one client address without a valid token.</summary>
    public int AnonymousPerMinute { get; set; } = 60;
}

/// <summary>ASP.NET Core's rate limiter with <see cref="RateLimitSettings"/>; a refusal is a 429 problem with <c>Retry-After</c>.</summary>
public static class RateLimits
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        foreach (var (name, value) in new[] { (nameof(settings.PerUserPerMinute), settings.PerUserPerMinute), (nameof(settings.AnonymousPerMinute), settings.AnonymousPerMinute) })
        {
            if (value < 1)
            {
                throw new InvalidOperationException($"{RateLimitSettings.Section}:{name} must be a whole number of requests a minute, at least 1 (it is {value}).");
            }
        }
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var (key, user) = PartitionOf(context);
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = user ? settings.PerUserPerMinute : settings.AnonymousPerMinute,
                    Window = Window,
                    QueueLimit = 0,
                });
            });
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) => RejectAsync(rejected, settings);
        });
    }

    /// <summary>The user's <c>sub</c> when the token was valid, else the client's address.</summary>
    private static (string Key, bool User) PartitionOf(HttpContext context)
    {
        var sub = context.User.FindFirst("sub")?.Value;
        if (context.User.Identity?.IsAuthenticated == true && !string.IsNullOrWhiteSpace(sub))
        {
            return ("user:" + sub, true);
        }
        return ("address:" + Address(context.Connection.RemoteIpAddress), false);
    }

    /// <summary>An IPv4 address as it is; an IPv6 client by its /64 network, since one host usually holds a whole /64.</summary>
    private static string Address(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, RateLimitSettings settings)
    {
        var http = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Clamp(Math.Ceiling(retryAfter.TotalSeconds), 1, Window.TotalSeconds)
            : (int)Window.TotalSeconds;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var user = PartitionOf(http).User;
        var (limit, setting, permits, who) = user
            ? ("per-user", nameof(settings.PerUserPerMinute), settings.PerUserPerMinute, ProblemTexts.TooManyForUser)
            : ("per-client-address", nameof(settings.AnonymousPerMinute), settings.AnonymousPerMinute, ProblemTexts.TooManyForAddress);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = ProblemTexts.TooManyRequestsTitle,
            Detail = Catalogue.Fill(who, permits, $"{RateLimitSettings.Section}:{setting}", seconds),
            Extensions = { ["limit"] = limit },
        };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
