using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Ledger.Api.Web;

/// <summary>
/// Turns every exception a client can provoke into RFC 9457 problem details: 400 with field errors for bad
/// input, 404, 409 for a rule the ledger refuses. Only a genuine bug remains a 500.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            return false;
        }
        httpContext.Response.StatusCode = problem.Status ?? 400;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails? Map(Exception exception) => exception switch
    {
        ValidationFailedException v => Validation(v.Errors),
        NotFoundException n => new ProblemDetails { Status = 404, Title = "Not found", Detail = n.Message },
        RuleViolationException r => new ProblemDetails { Status = 409, Title = "Refused by a ledger rule", Detail = r.Message },
        BadHttpRequestException b => FromBadRequest(b),
        JsonException j => FromJson(j),
        OverflowException => Validation(new Dictionary<string, string[]> { ["body"] = ["a number is too large"] }),
        PostgresException p => FromPostgres(p),
        _ => null,
    };

    private static ValidationProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value)) { Status = 400, Title = "One or more fields are invalid" };

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            return FromJson(json);
        }
        if (exception.StatusCode != StatusCodes.Status400BadRequest)
        {
            return new ProblemDetails { Status = exception.StatusCode, Title = "Request refused", Detail = exception.Message };
        }
        var message = exception.Message;
        if (message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase) || message.Contains("from body", StringComparison.OrdinalIgnoreCase))
        {
            return Validation(new Dictionary<string, string[]> { ["body"] = ["is required: send a JSON object"] });
        }
        var parameter = BindFailure().Match(message);
        if (parameter.Success)
        {
            return Validation(new Dictionary<string, string[]> { [parameter.Groups["name"].Value] = [$"'{parameter.Groups["value"].Value}' is not a valid {Friendly(FindType(parameter.Groups["type"].Value), parameter.Groups["type"].Value)}"] });
        }
        var missing = MissingParameter().Match(message);
        if (missing.Success)
        {
            return Validation(new Dictionary<string, string[]> { [missing.Groups["name"].Value] = ["is required"] });
        }
        return Validation(new Dictionary<string, string[]> { ["request"] = [message] });
    }

    private static ValidationProblemDetails FromJson(JsonException exception)
    {
        var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : exception.Path.TrimStart('$', '.');
        var converted = ConvertedTo().Match(exception.Message);
        string reason;
        if (converted.Success)
        {
            // The message names the type being read (often the whole request); the path says which member failed.
            var root = FindType(converted.Groups["type"].Value);
            var target = root is null || field == "body" ? root : MemberType(root, field);
            reason = $"is not a valid {Friendly(target, converted.Groups["type"].Value)}";
            if (exception.InnerException is FormatException format)
            {
                reason += $" ({format.Message.Split(" Value being parsed", 2)[0].TrimEnd('.')})";
            }
        }
        else if (exception.Message.Contains("missing required properties", StringComparison.Ordinal))
        {
            reason = "is missing required fields";
        }
        else
        {
            reason = "is not valid JSON here" + (exception.LineNumber is { } line ? $" (line {line + 1}, position {exception.BytePositionInLine + 1})" : "");
        }
        return Validation(new Dictionary<string, string[]> { [field] = [reason] });
    }

    private static Type? FindType(string typeName)
    {
        var inner = NullableOf().Match(typeName);
        if (inner.Success)
        {
            typeName = inner.Groups["inner"].Value;
        }
        return Type.GetType(typeName) ?? AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.FullName?.StartsWith("Ledger", StringComparison.Ordinal) == true || a.FullName?.StartsWith("NodaTime", StringComparison.Ordinal) == true)
            .Select(a => a.GetType(typeName)).FirstOrDefault(t => t is not null);
    }

    /// <summary>Follows a JSON path such as <c>sentence.years</c> or <c>items[2].date</c> through the request type.</summary>
    private static Type? MemberType(Type root, string path)
    {
        Type? current = root;
        foreach (var segment in path.Split('.'))
        {
            if (current is not null && segment.StartsWith('['))
            {
                current = ElementType(current);
                continue;
            }
            var name = segment.Split('[')[0];
            var property = current?.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            current = property?.PropertyType;
            if (current is not null && segment.Contains('[', StringComparison.Ordinal))
            {
                current = ElementType(current);
            }
            if (current is null)
            {
                return null;
            }
        }
        return current;
    }

    private static Type? ElementType(Type collection) =>
        collection.IsArray ? collection.GetElementType() : collection.GetGenericArguments().FirstOrDefault();

    /// <summary>Names a .NET type as a client would: a date, a whole number, one of an enum's values.</summary>
    private static string Friendly(Type? type, string fallbackName)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type is { IsEnum: true })
        {
            var values = Enum.GetNames(type).Select(Wire.Naming.ConvertName);
            return $"value; expected one of: {string.Join(", ", values)}";
        }
        return (type?.Name ?? fallbackName.Split('.', '+').Last()) switch
        {
            "LocalDate" => "date; expected an existing day as yyyy-MM-dd",
            "Instant" => "instant; expected ISO-8601 UTC such as 2025-10-16T23:30:00Z",
            "Int32" => "whole number between -2147483648 and 2147483647",
            "Int64" => "whole number",
            "Guid" => "id; expected a UUID",
            _ when type is not null && TypedIds.IsTypedId(type) => "id; expected a UUID",
            "Rupiah" => "amount; expected a whole number of rupiah",
            "String" => "text",
            "Boolean" => "boolean (true or false)",
            _ when type is not null && type != typeof(string) && type.IsAssignableTo(typeof(System.Collections.IEnumerable)) => "list",
            _ when type is { IsClass: true } => "object",
            _ => "value",
        };
    }

    private static ProblemDetails? FromPostgres(PostgresException exception) => exception.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation => new ProblemDetails { Status = 409, Title = "Already exists", Detail = $"A record with the same key already exists ({exception.ConstraintName})." },
        PostgresErrorCodes.ForeignKeyViolation => new ProblemDetails { Status = 409, Title = "Refers to something missing", Detail = $"A referenced record does not exist ({exception.ConstraintName})." },
        PostgresErrorCodes.CheckViolation => Validation(new Dictionary<string, string[]> { [exception.ConstraintName ?? "body"] = ["is out of the allowed range"] }),
        PostgresErrorCodes.RaiseException => new ProblemDetails { Status = 409, Title = "Refused by a ledger rule", Detail = exception.MessageText },
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected => new ProblemDetails { Status = 409, Title = "Concurrent change", Detail = "Another request changed the same records; try again." },
        _ when exception.SqlState.StartsWith("22", StringComparison.Ordinal) => Validation(new Dictionary<string, string[]> { ["body"] = [$"a value is out of range: {exception.MessageText}"] }),
        _ => null,
    };

    [GeneratedRegex("converted to (?<type>[^ ]+?)\\. Path", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();

    [GeneratedRegex("^System\\.Nullable`1\\[+(?<inner>[^,\\]]+)")]
    private static partial Regex NullableOf();

    [GeneratedRegex("Failed to bind parameter \"(?<type>[^ ]+) (?<name>[^\"]+)\" from \"(?<value>[^\"]*)\"")]
    private static partial Regex BindFailure();

    [GeneratedRegex("Required parameter \"[^ ]+ (?<name>[^\"]+)\" was not provided")]
    private static partial Regex MissingParameter();
}
