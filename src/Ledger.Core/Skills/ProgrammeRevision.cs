using Ledger.Core.Input;
using NodaTime;

namespace Ledger.Core.Skills;

/// <summary>
/// The request to correct a programme's name or required minutes. A field left out keeps its value; the reason is
/// required and kept with the change.
/// </summary>
public sealed record ReviseProgramme(string? Name, int? RequiredMinutes, string? Reason);

/// <summary>One change of a programme, kept for good: who, when, why, and the values before and after.</summary>
public sealed record ProgrammeRevision(
    Guid Id,
    ProgrammeId ProgrammeId,
    string RevisedBy,
    Instant RevisedAt,
    string Reason,
    string NameBefore,
    string NameAfter,
    int? RequiredMinutesBefore,
    int? RequiredMinutesAfter);

/// <summary>A programme as it is after a revision, and the revision that changed it.</summary>
public sealed record RevisedProgramme(Programme Programme, ProgrammeRevision Revision);

/// <summary>Pure checks of a programme revision.</summary>
public static class ProgrammeRevisionRules
{
    /// <summary>The same bound as a new programme's (<see cref="ProgrammeRules.Validate"/>).</summary>
    public const int MaxRequiredMinutes = 1_000_000;

    /// <summary>
    /// The shape of the request: a name and required minutes as a new programme's, at least one of them, a reason.
    /// Then the rules of the ledger: a retired programme is history and is not revised, and a revision changes something.
    /// </summary>
    public static void Validate(ReviseProgramme input, Programme programme)
    {
        var errors = new FieldErrors();
        if (input.Name is null && input.RequiredMinutes is null)
        {
            errors.Add("name", "give a new name or new required minutes");
            errors.Add("requiredMinutes", "give a new name or new required minutes");
        }
        if (input.Name is not null)
        {
            errors.Text(input.Name, "name", 200);
        }
        if (input.RequiredMinutes is <= 0 or > MaxRequiredMinutes)
        {
            errors.Add("requiredMinutes", $"must be between 1 and {MaxRequiredMinutes} minutes when given");
        }
        ReasonRule.Check(input.Reason, errors);
        errors.ThrowIfAny();
        if (programme.RetiredOn is { } retired)
        {
            throw new RuleViolationException($"Programme '{programme.Code}' was retired on {retired:yyyy-MM-dd}; a retired programme is not revised.");
        }
        var (name, minutes) = After(input, programme);
        if (name == programme.Name && minutes == programme.RequiredMinutes)
        {
            throw new RuleViolationException($"Programme '{programme.Code}' already has this name and these required minutes; nothing to revise.");
        }
    }

    /// <summary>The name and required minutes after the revision: what was sent, or else what the programme has.</summary>
    public static (string Name, int? RequiredMinutes) After(ReviseProgramme input, Programme programme) =>
        (input.Name?.Trim() ?? programme.Name, input.RequiredMinutes ?? programme.RequiredMinutes);
}
