using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Core;
using Ledger.Core.Authorization;
using Ledger.Core.Pipeline;
using Microsoft.AspNetCore.Http;

namespace Ledger.Web.Shell;

/// <summary>
/// The staff pages' adapter over <see cref="LedgerPipeline"/>, the same one way in as the API's: the caller comes from
/// the session cookie's claims, a write's idempotency key from the form's one-time key (<see cref="OnceKey"/>), so a
/// double click or a resubmitted form writes once. A page calls <c>ReadAsync</c> or
/// <c>WriteAsync</c> and shows the outcome; it decides nothing about access itself.
/// </summary>
public sealed class PageCall(LedgerPipeline pipeline, IHttpContextAccessor accessor)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("A page call runs in a request.");

    /// <summary>The signed-in officer. The fallback authorization policy lets no anonymous request reach a page that asks.</summary>
    public Caller Caller => CallerClaims.From(Http.User, Http.TraceIdentifier) ?? throw new InvalidOperationException("The page needs a signed-in user.");

    /// <summary>The officer's name for display.</summary>
    public string UserName => Http.User.FindFirst(CallerClaims.Name)?.Value ?? Caller.UserSub;

    /// <summary>
    /// The Lapas a page is about: the one asked for (<c>?lapas=</c>), or else the officer's own when they have one
    /// (most have exactly one); null sends the pipeline's "not found" (a regional user chooses on the home page).
    /// </summary>
    public string? FacilityOrOwn(string? requested) =>
        !string.IsNullOrEmpty(requested) ? requested : Caller.Facilities.Order(StringComparer.Ordinal).FirstOrDefault();

    /// <summary>A read in the facility <paramref name="facilityCode"/> (none named: not found).</summary>
    public Task<Outcome<T>> ReadAsync<T>(string? facilityCode, Area area, ReadAudit? audit, Func<OperationContext, Task<T>> work, CancellationToken ct = default) =>
        ReadAsync(_ => ValueTask.FromResult(facilityCode), area, audit, work, ct);

    /// <summary>The read of a page that is a write form (the attendance register): only roles that may write <paramref name="area"/> see it, others get 403.</summary>
    public Task<Outcome<T>> ReadForWriteAsync<T>(string? facilityCode, Area area, ReadAudit? audit, Func<OperationContext, Task<T>> work, CancellationToken ct = default) =>
        pipeline.ReadAsync(Caller, _ => ValueTask.FromResult(facilityCode), area, Access.Write, audit, async context => new Done<T>(await work(context), Succeeded: true), ct);

    /// <summary>A read across every facility the caller reaches (only the role is checked).</summary>
    public Task<Outcome<T>> ReadAcrossAsync<T>(Area area, Func<OperationContext, Task<T>> work, CancellationToken ct = default) =>
        ReadAsync(find: null, area, audit: null, work, ct);

    /// <summary>A read in the facility <paramref name="find"/> locates (the facility of a person, an order...).</summary>
    public Task<Outcome<T>> ReadAsync<T>(FindFacility? find, Area area, ReadAudit? audit, Func<OperationContext, Task<T>> work, CancellationToken ct = default) =>
        pipeline.ReadAsync(Caller, find, area, audit, async context => new Done<T>(await work(context), Succeeded: true), ct);

    /// <summary>
    /// A write of the posted form, once: the form's one-time key and a fingerprint of its fields make the idempotency
    /// key, so the same form posted again answers <see cref="Outcome{T}.Replay"/> (use <see cref="Replayed{T}"/>).
    /// </summary>
    public Task<Outcome<T>> WriteAsync<T>(FindFacility? find, Area area, Func<OperationContext, Task<T>> work, CancellationToken ct = default) =>
        pipeline.WriteAsync(Caller, find, area, FormIdempotency(),
            async context =>
            {
                var value = await work(context);
                return new Done<T>(value, Succeeded: true, StatusCode: 200, Body: () => JsonSerializer.Serialize(value, Json));
            }, ct);

    /// <summary>
    /// A write of the posted form whose work may refuse with a value to show (an import's report): a refusal rolls
    /// back and answers <see cref="Outcome{T}.Refused"/> with it.
    /// </summary>
    public Task<Outcome<T>> WriteOrRefuseAsync<T>(string? facilityCode, Area area, Func<OperationContext, Task<Done<T>>> work, CancellationToken ct = default) =>
        pipeline.WriteAsync(Caller, _ => ValueTask.FromResult(facilityCode), area, FormIdempotency(),
            async context =>
            {
                var done = await work(context);
                return done with { StatusCode = 200, Body = () => JsonSerializer.Serialize(done.Value, Json) };
            }, ct);

    /// <summary>A write in the facility named by its code.</summary>
    public Task<Outcome<T>> WriteAsync<T>(string facilityCode, Area area, Func<OperationContext, Task<T>> work, CancellationToken ct = default) =>
        WriteAsync(_ => ValueTask.FromResult<string?>(facilityCode), area, work, ct);

    /// <summary>What the first post of a form stored, for the page to show the same result again.</summary>
    public static T? Replayed<T>(Outcome<T>.Replay replay) => JsonSerializer.Deserialize<T>(replay.Stored.ResponseBody, Json);

    /// <summary>
    /// The form's key, in its own namespace so no API key can collide with it; the fingerprint covers the page and
    /// every field except the antiforgery token (which changes with each render).
    /// </summary>
    private Idempotency? FormIdempotency()
    {
        var request = Http.Request;
        if (!request.HasFormContentType || request.Form[OnceKey.FieldName].ToString() is not { Length: > 0 } once)
        {
            return null;
        }
        var fields = new StringBuilder($"{request.Path}\n");
        foreach (var (name, values) in request.Form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (name != "__RequestVerificationToken")
            {
                fields.Append(name).Append('=').AppendJoin('\u001f', values.Select(v => v ?? "")).Append('\n');
            }
        }
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fields.ToString())));
        return new Idempotency("page:" + once[..Math.Min(once.Length, LedgerPipeline.MaxKeyLength - 5)], hash);
    }
}
