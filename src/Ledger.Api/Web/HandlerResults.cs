namespace Ledger.Api.Web;

/// <summary>How the filters tell a handler's success from its refusal.</summary>
public static class HandlerResults
{
    /// <summary>
    /// The result the client will get: <c>Results&lt;A, B&gt;</c> wraps the chosen one, so look through it. A result
    /// without a status code (plain content) answers 200.
    /// </summary>
    public static bool Succeeded(object? result, out object? inner, out int statusCode)
    {
        inner = result;
        while (inner is INestedHttpResult nested)
        {
            inner = nested.Result;
        }
        statusCode = inner is IStatusCodeHttpResult withStatus ? withStatus.StatusCode ?? StatusCodes.Status200OK : StatusCodes.Status200OK;
        return inner is IResult && statusCode is >= 200 and < 300;
    }
}
