namespace Ledger.Core;

/// <summary>
/// A Guid with a type, so an inmate's id cannot be passed where a run's id is expected. Every id of the ledger
/// implements this, and Dapper, JSON and OpenAPI learn all of them from <see cref="TypedIds.All"/>.
/// </summary>
public interface ITypedId<TSelf> where TSelf : struct, ITypedId<TSelf>
{
    Guid Value { get; }

    static abstract TSelf From(Guid value);
}

/// <summary>The typed ids of Ledger.Core, found once, for the registrations that must know each of them.</summary>
/// <remarks>
/// Each id is a short declaration (From, New, TryParse, ToString) and everything else about ids lives once: parsing
/// here, Dapper in LedgerDatabase, JSON and OpenAPI in the API's setup. Not one generic <c>Id&lt;T&gt;</c>: every id
/// would carry the same OpenAPI description and need an alias in every project. Not Vogen: it forbids <c>new</c> and
/// throws when a default id's value is read, which would turn a missing id into a 500.
/// </remarks>
public static class TypedIds
{
    public static IReadOnlyList<Type> All { get; } = [.. typeof(TypedIds).Assembly.GetTypes().Where(IsTypedId)];

    public static bool IsTypedId(Type type) =>
        type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ITypedId<>));

    /// <summary>
    /// Every id's <c>TryParse</c> (the method minimal APIs bind a route value with): a UUID in any of .NET's spellings.
    /// On failure the id is the empty one and the binder answers 400.
    /// </summary>
    public static bool TryParse<T>(string? text, IFormatProvider? provider, out T id) where T : struct, ITypedId<T>
    {
        var ok = Guid.TryParse(text, provider, out var guid);
        id = T.From(guid);
        return ok;
    }
}
