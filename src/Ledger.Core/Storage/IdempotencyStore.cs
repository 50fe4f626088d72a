using Dapper;
using Npgsql;

namespace Ledger.Core.Storage;

/// <summary>The response stored for an idempotency key.</summary>
public sealed record StoredResponse(string RequestHash, int StatusCode, string ResponseBody);

/// <summary>
/// Idempotency keys, claimed and completed inside the write's own transaction. Claiming inserts the key
/// first: a concurrent request with the same key blocks on the primary key until the first commits
/// (then it replays) or rolls back (then it proceeds), so two identical requests make one write.
/// </summary>
public static class IdempotencyStore
{
    /// <summary>Returns null when this request now owns the key, else the response stored by the earlier one.</summary>
    public static async Task<StoredResponse?> ClaimAsync(WriteSession session, string key, string requestHash, CancellationToken ct)
    {
        const string Claim = """
            insert into idempotency_key (user_sub, key, request_hash, created_at)
            values (@userSub, @key, @requestHash, @now)
            on conflict (user_sub, key) do nothing
            """;
        var inserted = await session.Connection.ExecuteAsync(session.Command(Claim, new { userSub = session.Actor.UserSub, key, requestHash, now = session.Now }, ct));
        if (inserted == 1)
        {
            return null;
        }
        const string Stored = """
            select request_hash as RequestHash, status_code as StatusCode, response_body as ResponseBody
            from idempotency_key where user_sub = @userSub and key = @key
            """;
        return await session.Connection.QuerySingleAsync<StoredResponse>(session.Command(Stored, new { userSub = session.Actor.UserSub, key }, ct));
    }

    /// <summary>Stores the response for the key; written with the write's last statements, just before its commit.</summary>
    public static Task CompleteAsync(WriteSession session, string key, int statusCode, string responseBody, CancellationToken ct) =>
        session.WriteBeforeCommit(new NpgsqlBatchCommand("""
            update idempotency_key set status_code = @statusCode, response_body = @responseBody
            where user_sub = @userSub and key = @key
            """)
        {
            Parameters =
            {
                new NpgsqlParameter<int>("statusCode", statusCode),
                new NpgsqlParameter<string>("responseBody", responseBody),
                new NpgsqlParameter<string>("userSub", session.Actor.UserSub),
                new NpgsqlParameter<string>("key", key),
            },
        }, ct);
}
