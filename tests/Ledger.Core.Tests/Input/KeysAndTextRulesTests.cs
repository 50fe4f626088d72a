using Ledger.Core.Inmates;
using Ledger.Core.Input;
using Ledger.Core.Sentences;
using NodaTime;

namespace Ledger.Core.Tests.Input;

public sealed class KeysAndTextRulesTests
{
    private static readonly LocalDate Today = new(2025, 11, 20);

    private static RegisterInmate Valid => new("CRB-0012", "Asep Contoh", new LocalDate(1990, 1, 1), new LocalDate(2024, 3, 1), new SentenceInput(3, 0, 0), SentenceKind.Fixed);

    private static IReadOnlyDictionary<string, string[]> ErrorsOf(Action action) => Assert.Throws<ValidationFailedException>(action).Errors;

    private static string Normal(string text) =>
        RegistrationNumber.TryNormalize(text, out var normal, out var problem) ? normal : throw new Xunit.Sdk.XunitException($"refused: {problem}");

    private static string Refusal(string text) =>
        RegistrationNumber.TryNormalize(text, out var normal, out var problem) ? throw new Xunit.Sdk.XunitException($"accepted as {normal}") : problem;

    [Theory]
    [InlineData("CRB-\uFF10\uFF10\uFF11\uFF12")]   // fullwidth digits
    [InlineData("crb-0012")]                      // lower case
    [InlineData("CRB\u20100012")]                 // U+2010 HYPHEN
    [InlineData("CRB-0012\u200B")]                // zero-width space
    [InlineData("CRB\u20130012")]                 // en dash
    [InlineData("CRB\u22120012")]                 // minus sign
    [InlineData("\u202ACRB-0012\u202C")]          // bidi embedding
    [InlineData("  crb-0012 ")]
    [InlineData("\uFF23\uFF32\uFF22\uFF0D\uFF10\uFF10\uFF11\uFF12")]
    public void Look_alikes_normalise_to_the_same_number(string lookAlike) =>
        Assert.Equal("CRB-0012", Normal(lookAlike));

    [Fact]
    public void A_Cyrillic_letter_is_refused_naming_it() =>
        Assert.Contains("U+0421", Refusal("\u0421RB-0012"), StringComparison.Ordinal);

    [Theory]
    [InlineData("CRB_0012", "'_'")]
    [InlineData("CRB-0012\u0007", "U+0007")]
    [InlineData("CRB-\u0131", "U+0131")]          // dotless i must not become I by upper-casing
    public void Characters_outside_the_set_are_refused_naming_them(string text, string named) =>
        Assert.Contains(named, Refusal(text), StringComparison.Ordinal);

    [Fact]
    public void Half_of_a_surrogate_pair_is_refused_naming_it()
    {
        // Built in code: a lone surrogate in an attribute would not survive compilation.
        var text = "CRB-00" + (char)0xD800;
        Assert.Contains("U+D800", Refusal(text), StringComparison.Ordinal);
        Assert.NotNull(FreeText.Problem(text, multiLine: false));
    }

    [Theory]
    [InlineData("\u2460\u2461", "12")]           // circled digits
    [InlineData("\U0001D400\U0001D401", "AB")]   // mathematical bold capitals
    [InlineData("\uFB01x", "FIX")]                // the fi ligature
    [InlineData("\u2167-1", "VIII-1")]            // roman numeral eight
    public void Compatibility_forms_fold_as_NFKC_folds_them(string text, string expected) =>
        Assert.Equal(expected, Normal(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B\u200C")]
    public void An_empty_number_is_refused(string text) => Assert.NotNull(Refusal(text));

    [Fact]
    public void Spaces_are_collapsed_and_the_allowed_punctuation_kept() =>
        Assert.Equal("W 12/2024.A-1", Normal("w\u00A0\u3000 12/2024.a-1"));

    [Fact]
    public void A_number_longer_than_50_characters_is_refused() =>
        Assert.Contains("50", Refusal(new string('A', 51)), StringComparison.Ordinal);

    [Fact]
    public void A_name_with_a_bell_or_of_zero_width_characters_only_is_refused()
    {
        Assert.Contains("fullName", ErrorsOf(() => InmateRules.ValidateRegistration(Valid with { FullName = "Asep\u0007Contoh" }, Today)).Keys);
        Assert.Contains("fullName", ErrorsOf(() => InmateRules.ValidateRegistration(Valid with { FullName = "\u200B\u200C\u200D\u2060" }, Today)).Keys);
        Assert.Contains("fullName", ErrorsOf(() => InmateRules.ValidateRegistration(Valid with { FullName = "\u202E \u00A0" }, Today)).Keys);
    }

    [Fact]
    public void The_registration_number_is_checked_with_the_request()
    {
        Assert.Contains("registrationNumber", ErrorsOf(() => InmateRules.ValidateRegistration(Valid with { RegistrationNumber = "\u0421RB-0012" }, Today)).Keys);
        Assert.Contains("registrationNumber", ErrorsOf(() => InmateRules.ValidateRegistration(Valid with { RegistrationNumber = "\u200B" }, Today)).Keys);
    }

    [Theory]
    [InlineData("Asep\u0007Contoh", false, false)]
    [InlineData("\u200B\u200C\u2060", false, false)]
    [InlineData("\u0085", false, false)]                 // C1 next line
    [InlineData("\u007F", false, false)]                 // DEL
    [InlineData("Baris satu\nBaris dua", false, false)]  // a line break in a one-line field
    [InlineData("Baris satu\r\nBaris dua\tdengan tab", true, true)]
    [InlineData("Baris satu\u0007", true, false)]
    [InlineData("Asep Sutisna", false, true)]
    [InlineData("\u0421\u0435\u0440\u0433\u0435\u0439", false, true)]  // any script is fine in free text
    [InlineData("\u0661\u200D\u0662", false, true)]    // a joiner between visible characters is fine
    public void Free_text_refuses_control_characters_and_invisible_only_values(string text, bool multiLine, bool accepted) =>
        Assert.Equal(accepted, FreeText.Problem(text, multiLine) is null);

    [Fact]
    public void The_text_rule_is_one_call_on_field_errors()
    {
        var errors = new FieldErrors();
        Assert.False(errors.Text("\u200B", "note", 500, required: false));
        Assert.False(errors.Text(null, "name", 200, required: true));
        Assert.True(errors.Text(" Asep ", "title", 200, required: true));
        Assert.False(errors.Text(null, "partner", 200, required: false));
        Assert.False(errors.Text(new string('x', 201), "issuer", 200, required: true));
        Assert.Equal(["issuer", "name", "note"], ErrorsOf(errors.ThrowIfAny).Keys.Order());
    }

    [Fact]
    public void Detention_and_birth_dates_have_plausible_bounds()
    {
        Assert.Contains("detentionDate", ErrorsOf(() => InmateRules.ValidateRegistration(Valid with { DetentionDate = new LocalDate(1944, 12, 31), BirthDate = null }, Today)).Keys);
        Assert.Contains("birthDate", ErrorsOf(() => InmateRules.ValidateRegistration(Valid with { BirthDate = new LocalDate(1899, 12, 31) }, Today)).Keys);
        InmateRules.ValidateRegistration(Valid with { DetentionDate = new LocalDate(1945, 1, 1), BirthDate = new LocalDate(1900, 1, 1) }, Today);
    }

    [Fact]
    public void A_remisi_longer_than_the_sentence_names_its_field()
    {
        var inmate = new Inmate(InmateId.New(), "lapas-cirebon", "CRB-0012", "Asep", null, new LocalDate(2024, 3, 1), new Sentence(3, 0, 0, SentenceKind.Fixed), null, default);
        GrantRemission Grant(int? months, int? days) => new(RemissionKind.Umum, new LocalDate(2025, 8, 17), months, days, "PAS-1");
        var earlier = new Remission(Guid.NewGuid(), RemissionKind.Umum, new LocalDate(2024, 8, 17), 30, 0, "PAS-0", "t", default);

        Assert.Contains("months", ErrorsOf(() => InmateRules.ValidateRemission(Grant(37, null), inmate, [], Today)).Keys);
        Assert.Contains("days", ErrorsOf(() => InmateRules.ValidateRemission(Grant(null, 1200), inmate, [], Today)).Keys);
        Assert.Contains("months", ErrorsOf(() => InmateRules.ValidateRemission(Grant(7, null), inmate, [earlier], Today)).Keys);
        InmateRules.ValidateRemission(Grant(6, null), inmate, [earlier], Today);
        InmateRules.ValidateRemission(Grant(36, null), inmate, [], Today);
    }
}
