using Ledger.Core.Inmates;
using Ledger.Core.Readiness;
using NodaTime;

namespace Ledger.Core.Tests.Readiness;

/// <summary>Which step of an usulan may follow which, and what each step must carry.</summary>
public sealed class UsulanRulesTests
{
    private static readonly LocalDate Detention = new(2024, 3, 1);
    private static readonly LocalDate Today = new(2026, 11, 30);

    private static UsulanEvent Step(UsulanState state, int application = 1, int seq = 1, LocalDate? on = null) =>
        new(Guid.NewGuid(), InmateId.New(), UsulanRight.PembebasanBersyarat, application, seq, state, on ?? new LocalDate(2026, 10, 1),
            state == UsulanState.Decreed ? "PAS-1" : null, state == UsulanState.Refused ? "x" : null, "t", Instant.MinValue);

    private static RecordUsulan Request(UsulanState? state, LocalDate? on = null, string? decree = null, string? reason = null) =>
        new(UsulanRight.PembebasanBersyarat, state, on, decree, reason);

    private static IReadOnlyDictionary<string, string[]> Refused(RecordUsulan input, UsulanEvent? latest) =>
        Assert.Throws<ValidationFailedException>(() => UsulanRules.Validate(input, latest, Detention, Today)).Errors;

    [Theory]
    [InlineData(null, UsulanState.Drafted)]
    [InlineData(null, UsulanState.Sent)]
    [InlineData(UsulanState.Drafted, UsulanState.Sent)]
    [InlineData(UsulanState.Sent, UsulanState.Decreed)]
    [InlineData(UsulanState.Sent, UsulanState.Refused)]
    [InlineData(UsulanState.Decreed, UsulanState.Drafted)]
    [InlineData(UsulanState.Refused, UsulanState.Sent)]
    public void A_step_follows_the_one_before_it(UsulanState? current, UsulanState next)
    {
        var latest = current is { } state ? Step(state) : null;
        var (_, seq, on) = UsulanRules.Validate(Request(next, decree: next == UsulanState.Decreed ? "PAS-9" : null, reason: next == UsulanState.Refused ? "berkas kurang" : null),
            latest, Detention, Today);
        Assert.Equal((latest?.Seq ?? 0) + 1, seq);
        Assert.Equal(Today, on);
    }

    [Theory]
    [InlineData(null, UsulanState.Decreed)]
    [InlineData(UsulanState.Drafted, UsulanState.Decreed)]
    [InlineData(null, UsulanState.Refused)]
    [InlineData(UsulanState.Drafted, UsulanState.Drafted)]
    [InlineData(UsulanState.Sent, UsulanState.Sent)]
    [InlineData(UsulanState.Sent, UsulanState.Drafted)]
    [InlineData(UsulanState.Decreed, UsulanState.Decreed)]
    [InlineData(UsulanState.Decreed, UsulanState.Refused)]
    [InlineData(UsulanState.Refused, UsulanState.Decreed)]
    public void A_step_that_may_not_follow_is_refused_at_the_state(UsulanState? current, UsulanState next)
    {
        var errors = Refused(Request(next, decree: next == UsulanState.Decreed ? "PAS-9" : null, reason: next == UsulanState.Refused ? "x" : null),
            current is { } state ? Step(state) : null);
        Assert.Equal(["state"], errors.Keys);
    }

    [Fact]
    public void A_decree_before_the_usulan_was_sent_says_so()
    {
        var errors = Refused(Request(UsulanState.Decreed, decree: "PAS-9"), Step(UsulanState.Drafted));
        Assert.Contains("not been sent to the TPP", errors["state"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_application_starts_only_after_a_decision()
    {
        Assert.Equal(1, UsulanRules.Validate(Request(UsulanState.Drafted), null, Detention, Today).Application);
        Assert.Equal(1, UsulanRules.Validate(Request(UsulanState.Sent), Step(UsulanState.Drafted), Detention, Today).Application);
        Assert.Equal(2, UsulanRules.Validate(Request(UsulanState.Drafted), Step(UsulanState.Refused, seq: 3), Detention, Today).Application);
        Assert.Equal(3, UsulanRules.Validate(Request(UsulanState.Sent), Step(UsulanState.Decreed, application: 2, seq: 5), Detention, Today).Seq - 3);
    }

    [Fact]
    public void A_decree_needs_its_number_and_a_refusal_its_reason_and_no_other_step_has_either()
    {
        Assert.Equal(["decreeNumber"], Refused(Request(UsulanState.Decreed), Step(UsulanState.Sent)).Keys);
        Assert.Equal(["reason"], Refused(Request(UsulanState.Refused, reason: "  "), Step(UsulanState.Sent)).Keys);
        Assert.Equal(["decreeNumber", "reason"], Refused(Request(UsulanState.Sent, decree: "PAS-1", reason: "x"), Step(UsulanState.Drafted)).Keys.Order());
    }

    [Fact]
    public void The_day_lies_between_the_previous_step_or_the_detention_and_today()
    {
        Assert.Equal(["on"], Refused(Request(UsulanState.Drafted, on: Today.PlusDays(1)), null).Keys);
        Assert.Equal(["on"], Refused(Request(UsulanState.Drafted, on: Detention.PlusDays(-1)), null).Keys);
        Assert.Equal(["on"], Refused(Request(UsulanState.Sent, on: new LocalDate(2026, 9, 30)), Step(UsulanState.Drafted, on: new LocalDate(2026, 10, 1))).Keys);
        Assert.Equal(new LocalDate(2026, 10, 1), UsulanRules.Validate(Request(UsulanState.Sent, on: new LocalDate(2026, 10, 1)), Step(UsulanState.Drafted), Detention, Today).On);
    }

    [Fact]
    public void The_right_and_the_state_are_required()
    {
        Assert.Equal(["right", "state"], Assert.Throws<ValidationFailedException>(() =>
            UsulanRules.Validate(new RecordUsulan(null, null, null, null, null), null, Detention, Today)).Errors.Keys.Order());
    }

    [Fact]
    public void The_current_step_of_each_right_is_its_latest()
    {
        var person = InmateId.New();
        UsulanEvent E(UsulanRight right, int seq, UsulanState state) => new(Guid.NewGuid(), person, right, 1, seq, state, Today, null, null, "t", Instant.MinValue);
        var current = UsulanRules.Current([E(UsulanRight.CutiBersyarat, 1, UsulanState.Drafted), E(UsulanRight.PembebasanBersyarat, 2, UsulanState.Sent),
            E(UsulanRight.PembebasanBersyarat, 1, UsulanState.Drafted)]);
        Assert.Equal([(UsulanRight.PembebasanBersyarat, UsulanState.Sent), (UsulanRight.CutiBersyarat, UsulanState.Drafted)], current.Select(e => (e.Right, e.State)));
    }
}

/// <summary>When the worklist sets a person apart as overdue.</summary>
public sealed class WorklistOverdueTests
{
    private static readonly LocalDate Today = new(2026, 11, 30);

    [Fact]
    public void A_reached_right_is_overdue_until_an_usulan_for_it_exists()
    {
        var parole = new ReleaseEvent(ReleaseEventKind.PembebasanBersyarat, Today.PlusDays(-40), Ledger.Core.Sentences.RightStatus.Eligible);
        Assert.Equal(40, ReleaseWorklist.OverdueDays(parole, [], Today));
        Assert.Equal(40, ReleaseWorklist.OverdueDays(parole, [new UsulanStep(UsulanRight.CutiBersyarat, 1, UsulanState.Sent, Today, null)], Today));
        Assert.Null(ReleaseWorklist.OverdueDays(parole, [new UsulanStep(UsulanRight.PembebasanBersyarat, 1, UsulanState.Drafted, Today, null)], Today));
        Assert.Null(ReleaseWorklist.OverdueDays(parole with { Date = Today }, [], Today));
        Assert.Equal(3, ReleaseWorklist.OverdueDays(new ReleaseEvent(ReleaseEventKind.Ekspirasi, Today.PlusDays(-3), null), [], Today));
    }
}
