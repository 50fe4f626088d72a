using Ledger.Core.Input;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Readiness;

/// <summary>
/// Which step of an usulan may follow which (domain.md "Usulan"): an application starts drafted or sent; a draft is
/// sent; a sent application ends with a decree (SK) or a refusal; after either, only a new application. So no SK
/// before the usulan was sent, and nothing is added to a decided application.
/// </summary>
public static class UsulanRules
{
    /// <summary>The length the database allows an SK number (db/migrations/0010_usulan.sql).</summary>
    public const int MaxDecreeNumberLength = 100;

    /// <summary>The steps that may follow <paramref name="current"/> (null: the right has no usulan yet).</summary>
    public static IReadOnlyList<UsulanState> Next(UsulanState? current) => current switch
    {
        null or UsulanState.Decreed or UsulanState.Refused => [UsulanState.Drafted, UsulanState.Sent],
        UsulanState.Drafted => [UsulanState.Sent],
        UsulanState.Sent => [UsulanState.Decreed, UsulanState.Refused],
        _ => [],
    };

    /// <summary>
    /// Checks the request against the right's latest step and returns the step to append (without its id and
    /// recording facts), or throws a <see cref="ValidationFailedException"/> naming each field and why.
    /// </summary>
    public static (int Application, int Seq, LocalDate On) Validate(RecordUsulan input, UsulanEvent? latest, LocalDate detention, LocalDate today)
    {
        var errors = new FieldErrors();
        errors.Required(input.Right, "right");
        var on = input.On ?? today;
        if (on > today)
        {
            errors.Add("on", Catalogue.Fill(Fields.MustNotBeAfterToday, Format.Date(today)));
        }
        else if (on < detention)
        {
            errors.Add("on", Fields.MustNotBeBeforeDetention);
        }
        else if (latest is not null && on < latest.On)
        {
            errors.Add("on", Catalogue.Fill(Releases.UsulanNotBeforePrevious, Format.Date(latest.On)));
        }
        if (errors.Required(input.State, "state") && !Next(latest?.State).Contains(input.State!.Value))
        {
            errors.Add("state", TransitionProblem(input.State.Value, latest?.State));
        }
        if (input.State == UsulanState.Decreed)
        {
            errors.Text(input.DecreeNumber, "decreeNumber", MaxDecreeNumberLength);
        }
        else if (!string.IsNullOrWhiteSpace(input.DecreeNumber))
        {
            errors.Add("decreeNumber", Releases.UsulanDecreeNumberOnlyForDecree);
        }
        if (input.State == UsulanState.Refused)
        {
            ReasonRule.Check(input.Reason, errors);
        }
        else if (!string.IsNullOrWhiteSpace(input.Reason))
        {
            errors.Add("reason", Releases.UsulanReasonOnlyForRefusal);
        }
        errors.ThrowIfAny();
        var application = latest is null ? 1 : latest.Closed ? latest.Application + 1 : latest.Application;
        return (application, (latest?.Seq ?? 0) + 1, on);
    }

    /// <summary>The latest step of each right, in the order of the rights.</summary>
    public static IReadOnlyList<UsulanEvent> Current(IEnumerable<UsulanEvent> events) =>
        [.. events.GroupBy(e => e.Right).Select(g => g.MaxBy(e => e.Seq)!).OrderBy(e => e.Right)];

    private static string TransitionProblem(UsulanState wanted, UsulanState? current) => (wanted, current) switch
    {
        (UsulanState.Decreed or UsulanState.Refused, null or UsulanState.Drafted) => Releases.UsulanNotSentYet,
        (_, UsulanState.Decreed or UsulanState.Refused) => Releases.UsulanDecidedNewApplication,
        (UsulanState.Drafted, _) => Releases.UsulanAlreadyInProcess,
        _ => Releases.UsulanAlreadySent,
    };
}
