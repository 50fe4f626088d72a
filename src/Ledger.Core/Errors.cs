using Ledger.Core.Input;
using Ledger.Core.Text;
using NodaTime;

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
public sealed class NotFoundException(string what) : Exception(Catalogue.Fill(Rules.WasNotFound, what));

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
            Add(field, Fields.IsRequired);
        }
        return !missing;
    }

    /// <summary>
    /// Checks a free-text field: <see cref="FreeText"/>'s rule (no control characters, something visible) and at most
    /// <paramref name="maxLength"/> characters once trimmed. A required field that is missing or blank adds "is
    /// required"; an optional one that is missing or only whitespace counts as absent. Returns whether the value is
    /// present and valid. Tab and line breaks are allowed only when <paramref name="multiLine"/>.
    /// </summary>
    public bool Text(string? value, string field, int maxLength, bool required = true, bool multiLine = false)
    {
        if (required ? !Required(value, field) : string.IsNullOrWhiteSpace(value))
        {
            return false;
        }
        if (FreeText.Problem(value!, maxLength, multiLine) is { } problem)
        {
            Add(field, problem);
            return false;
        }
        return true;
    }

    /// <summary>The normal form of a registration number (<see cref="Input.RegistrationNumber"/>); null, with the reason added, when it is refused.</summary>
    public string? RegistrationNumber(string? value, string field)
    {
        if (Input.RegistrationNumber.TryNormalize(value, out var normalized, out var problem))
        {
            return normalized;
        }
        Add(field, problem);
        return null;
    }

    /// <summary>Adds "must not be before ..." when a given day lies before <paramref name="earliest"/>; returns whether it does not.</summary>
    public bool NotBefore(LocalDate? day, LocalDate earliest, string field)
    {
        if (day < earliest)
        {
            Add(field, PlausibleDates.NotBefore(earliest));
            return false;
        }
        return true;
    }

    /// <summary>Every reason added, field by field, for a caller that reports them otherwise than as a 400 (an import's rows).</summary>
    public IEnumerable<(string Field, string Reason)> Reasons() => _errors.SelectMany(e => e.Value.Select(reason => (e.Key, reason)));

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}

/// <summary>
/// The answer of a write asked only to say what it would do (an import's dry run): nothing was written. Adapters answer
/// it as a plain success (HTTP 200), never as a creation.
/// </summary>
#pragma warning disable CA1040 // A marker: the type itself is the information.
public interface IPreview;
#pragma warning restore CA1040
