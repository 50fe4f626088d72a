namespace Ledger.Core;

/// <summary>Bad input: one or more fields with the reason each is refused. Answers 400.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string reason) =>
        new(new Dictionary<string, string[]> { [field] = [reason] });
}

/// <summary>The thing does not exist, or is outside the caller's scope (which must look the same). Answers 404.</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>The input is well formed but a rule of the ledger refuses it (e.g. beyond the balance). Answers 409.</summary>
public sealed class RuleViolationException(string reason) : Exception(reason);

/// <summary>Collects field errors so a client learns every problem of a request at once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>How many reasons have been added so far.</summary>
    public int Count => _errors.Values.Sum(l => l.Count);

    public FieldErrors Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }
        list.Add(reason);
        return this;
    }

    /// <summary>Adds "is required" when the value is missing and returns whether it is present.</summary>
    public bool Required<T>(T? value, string field)
    {
        var missing = value is null || (value is string s && string.IsNullOrWhiteSpace(s));
        if (missing)
        {
            Add(field, "is required");
        }
        return !missing;
    }

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
