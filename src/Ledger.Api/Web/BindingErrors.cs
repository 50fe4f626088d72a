using System.Reflection;
using System.Text.Json;
using Ledger.Core;
using Ledger.Core.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ledger.Api.Web;

/// <summary>
/// A value on the wire that one of our converters could not read, with the reason a client reads. It derives from
/// <see cref="JsonException"/> so that System.Text.Json fills in <see cref="JsonException.Path"/>, the member being read.
/// </summary>
public sealed class BadValueException(string reason) : JsonException(reason)
{
    public string Reason { get; } = reason;
}

/// <summary>
/// Names the field and the reason of a request the framework could not bind. Everything comes from what we own or
/// what is documented (the JSON path, the endpoint's body type and handler parameters, our own TryParse), never from
/// the wording of a framework message, which a patch release may change.
/// </summary>
public static class BindingErrors
{
    /// <summary>"is not a valid date; expected …": what a field of <paramref name="type"/> expects, as a client reads it.</summary>
    public static string NotA(Type? type)
    {
        var (noun, expected) = Expected(type);
        return expected is null ? Catalogue.Fill(ProblemTexts.NotAValid, noun) : Catalogue.Fill(ProblemTexts.NotAValidExpected, noun, expected);
    }

    /// <summary>A body that could not be read: the member from the JSON path, the reason from its type in <paramref name="body"/>.</summary>
    public static (string Field, string Reason) FromJson(JsonException exception, Type? body)
    {
        var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : exception.Path.TrimStart('$', '.');
        if (exception is BadValueException bad)
        {
            return (field, bad.Reason);
        }
        // The reader's own errors (broken JSON) arrive wrapped around the reader's exception, itself a JsonException.
        if (exception.InnerException is JsonException)
        {
            return (field, exception.LineNumber is { } line
                ? Catalogue.Fill(ProblemTexts.NotValidJsonAt, line + 1, exception.BytePositionInLine + 1)
                : ProblemTexts.NotValidJson);
        }
        return (field, NotA(body is null || field == "body" ? body : MemberType(body, field)));
    }

    /// <summary>
    /// A request the framework refused before the handler ran: the first route or query parameter that is missing or
    /// does not parse, else the body, which is then absent or <c>null</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]>? FromRequest(HttpContext http)
    {
        var failed = http.Features.Get<IExceptionHandlerFeature>();
        var endpoint = failed?.Endpoint;
        var routeValues = failed?.RouteValues ?? http.Request.RouteValues;
        foreach (var parameter in endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [])
        {
            if (parameter.Name is not { } name || Parser(parameter.ParameterType) is not { } parse)
            {
                continue;
            }
            var text = routeValues.TryGetValue(name, out var route) ? route?.ToString() : http.Request.Query.TryGetValue(name, out var query) ? query.ToString() : null;
            if (text is null && !parameter.HasDefaultValue && Nullable.GetUnderlyingType(parameter.ParameterType) is null && parameter.ParameterType.IsValueType)
            {
                return new Dictionary<string, string[]> { [name] = [Fields.IsRequired] };
            }
            if (!string.IsNullOrEmpty(text) && !parse(text))
            {
                return new Dictionary<string, string[]> { [name] = [$"'{text}' {NotA(parameter.ParameterType)}"] };
            }
        }
        return endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is null ? null
            : new Dictionary<string, string[]> { ["body"] = [ProblemTexts.BodyRequired] };
    }

    /// <summary>
    /// The body type of the endpoint that failed, or null when its handler reads JSON itself. The exception handler
    /// runs after the endpoint is cleared from the context; <see cref="IExceptionHandlerFeature"/> keeps it.
    /// </summary>
    public static Type? BodyType(HttpContext http) =>
        http.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;

    /// <summary>The static <c>TryParse(string, IFormatProvider, out T)</c> the framework binds a route or query value with.</summary>
    private static Func<string, bool>? Parser(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var tryParse = type == typeof(string) ? null
            : type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
        return tryParse is null ? null
            : text => (bool)tryParse.Invoke(null, [text, System.Globalization.CultureInfo.InvariantCulture, null])!;
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

    /// <summary>
    /// Names a .NET type as a client would (a date, a whole number, one of an enum's values), and what a value of it
    /// looks like when that helps.
    /// </summary>
    private static (string Noun, string? Expected) Expected(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type is { IsEnum: true })
        {
            var values = Enum.GetNames(type).Select(Wire.Naming.ConvertName);
            return (ProblemTexts.TypeValue, Catalogue.Fill(ProblemTexts.TypeOneOf, string.Join(", ", values)));
        }
        return type?.Name switch
        {
            null => (ProblemTexts.TypeValue, null),
            "LocalDate" => (ProblemTexts.TypeDate, ProblemTexts.TypeDateExpected),
            "Instant" => (ProblemTexts.TypeInstant, ProblemTexts.TypeInstantExpected),
            "Int32" => (ProblemTexts.TypeInt32, null),
            "Int64" => (ProblemTexts.TypeWholeNumber, null),
            "Guid" => (ProblemTexts.TypeId, ProblemTexts.TypeIdExpected),
            _ when TypedIds.IsTypedId(type) => (ProblemTexts.TypeId, ProblemTexts.TypeIdExpected),
            "Rupiah" => (ProblemTexts.TypeAmount, ProblemTexts.TypeAmountExpected),
            "String" => (ProblemTexts.TypeText, null),
            "Boolean" => (ProblemTexts.TypeBoolean, null),
            _ when type.IsAssignableTo(typeof(System.Collections.IEnumerable)) => (ProblemTexts.TypeList, null),
            _ when type.IsClass => (ProblemTexts.TypeObject, null),
            _ => (ProblemTexts.TypeValue, null),
        };
    }
}
