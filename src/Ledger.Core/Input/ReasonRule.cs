namespace Ledger.Core.Input;

/// <summary>
/// The reason given when something is undone (a reversal of a training entry, a work record or a premi entry, the
/// cancellation of a premi run, the revocation of a certificate): required, multi-line free text of at most
/// <see cref="MaxLength"/> characters once trimmed.
/// </summary>
public static class ReasonRule
{
    /// <summary>
    /// 500, the length the database enforces on <c>training_reversal.reason</c> and
    /// <c>certificate_revocation.reason</c> (db/migrations/0002_skills.sql). One length for every reason, so every
    /// endpoint that asks for one refuses the same text.
    /// </summary>
    public const int MaxLength = 500;

    /// <summary>Adds the reason's problems to <paramref name="errors"/> under <c>reason</c>; returns whether it is valid.</summary>
    public static bool Check(string? reason, FieldErrors errors) =>
        errors.Text(reason, "reason", MaxLength, multiLine: true);

    /// <summary>The reason, trimmed; a 400 naming <c>reason</c> when it is refused.</summary>
    public static string Validate(string? reason)
    {
        var errors = new FieldErrors();
        Check(reason, errors);
        errors.ThrowIfAny();
        return reason!.Trim();
    }
}
