using Ledger.Core.Inmates;
using Ledger.Core.Sentences;
using NodaTime;

namespace Ledger.Core.Tests.Inmates;

public sealed class InmateRulesTests
{
    private static readonly LocalDate Today = new(2025, 11, 20);

    private static RegisterInmate Valid => new("CRB-1", "Asep Contoh", new LocalDate(1990, 1, 1), new LocalDate(2024, 3, 1), new SentenceInput(3, 0, 0), SentenceKind.Fixed);

    private static IReadOnlyDictionary<string, string[]> ErrorsOf(Action action) => Assert.Throws<ValidationFailedException>(action).Errors;

    [Fact]
    public void A_valid_registration_gives_the_sentence()
    {
        Assert.Equal(new Sentence(3, 0, 0, SentenceKind.Fixed), InmateRules.ValidateRegistration(Valid, Today).Sentence);
    }

    [Fact]
    public void Every_missing_field_is_reported_at_once()
    {
        var errors = ErrorsOf(() => InmateRules.ValidateRegistration(new RegisterInmate(null, " ", null, null, null, null), Today));
        Assert.Equal(["detentionDate", "fullName", "registrationNumber", "sentenceKind"], errors.Keys.Order());
    }

    [Fact]
    public void A_detention_after_today_or_a_birth_after_detention_is_refused()
    {
        Assert.Contains("detentionDate", ErrorsOf(() => InmateRules.ValidateRegistration(Valid with { DetentionDate = Today.PlusDays(1) }, Today)).Keys);
        Assert.Contains("birthDate", ErrorsOf(() => InmateRules.ValidateRegistration(Valid with { BirthDate = new LocalDate(2024, 3, 1) }, Today)).Keys);
    }

    [Fact]
    public void A_fixed_sentence_must_have_a_length_and_a_life_sentence_needs_none()
    {
        Assert.Contains("sentence", ErrorsOf(() => InmateRules.ValidateRegistration(Valid with { Sentence = new SentenceInput(0, 0, 0) }, Today)).Keys);
        Assert.Contains("sentence", ErrorsOf(() => InmateRules.ValidateRegistration(Valid with { Sentence = null }, Today)).Keys);
        Assert.Equal(SentenceKind.Life, InmateRules.ValidateRegistration(Valid with { Sentence = null, SentenceKind = SentenceKind.Life }, Today).Sentence.Kind);
    }

    [Fact]
    public void Sentence_parts_out_of_range_name_their_field()
    {
        var errors = ErrorsOf(() => InmateRules.ValidateRegistration(Valid with { Sentence = new SentenceInput(-1, 1201, 40000) }, Today));
        Assert.Equal(["sentence.days", "sentence.months", "sentence.years"], errors.Keys.Order());
    }

    [Fact]
    public void A_person_is_held_in_a_facility_from_the_placement_start_until_a_transfer_or_release()
    {
        var inmate = new Inmate(InmateId.New(), "lapas-gintung", "X", "Y", null, new LocalDate(2024, 3, 1), new Sentence(3, 0, 0, SentenceKind.Fixed), new LocalDate(2025, 10, 1), Instant.MinValue);
        var file = new InmateFile(inmate,
            [new Placement("lapas-cirebon", new LocalDate(2024, 3, 1), new LocalDate(2025, 6, 1)), new Placement("lapas-gintung", new LocalDate(2025, 6, 1), null)], [], []);

        Assert.False(file.HeldIn("lapas-cirebon", new LocalDate(2024, 2, 29)));
        Assert.True(file.HeldIn("lapas-cirebon", new LocalDate(2024, 3, 1)));
        Assert.True(file.HeldIn("lapas-cirebon", new LocalDate(2025, 5, 31)));
        Assert.False(file.HeldIn("lapas-cirebon", new LocalDate(2025, 6, 1)));
        Assert.True(file.HeldIn("lapas-gintung", new LocalDate(2025, 6, 1)));
        Assert.True(file.HeldIn("lapas-gintung", new LocalDate(2025, 10, 1)));
        Assert.False(file.HeldIn("lapas-gintung", new LocalDate(2025, 10, 2)));
    }
}
