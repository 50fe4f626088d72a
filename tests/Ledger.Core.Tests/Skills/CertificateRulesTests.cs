using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Skills;
using NodaTime;

namespace Ledger.Core.Tests.Skills;

public sealed class CertificateRulesTests
{
    private static readonly LocalDate Today = new(2025, 11, 20);

    [Theory]
    [InlineData("2025-11-10", 3, "2028-11-09")]
    [InlineData("2024-02-29", 3, "2027-02-27")]
    [InlineData("2025-01-01", 5, "2029-12-31")]
    public void A_competent_BNSP_certificate_is_valid_the_set_years_less_a_day(string issued, int years, string until) =>
        Assert.Equal(Day(until), CertificateRules.DefaultValidUntil(IssuerKind.LspBnsp, CertificateResult.Competent, Day(issued), new FacilitySettings { BnspValidityYears = years }));

    [Theory]
    [InlineData(IssuerKind.Blk, CertificateResult.Competent)]
    [InlineData(IssuerKind.Partner, CertificateResult.Competent)]
    [InlineData(IssuerKind.Facility, CertificateResult.Competent)]
    [InlineData(IssuerKind.LspBnsp, CertificateResult.NotYetCompetent)]
    public void Other_certificates_have_no_default_end(IssuerKind kind, CertificateResult result) =>
        Assert.Null(CertificateRules.DefaultValidUntil(kind, result, Day("2025-11-10"), new FacilitySettings()));

    [Theory]
    [InlineData("2025-11-09", false)]
    [InlineData("2025-11-10", true)]
    [InlineData("2028-11-09", true)]
    [InlineData("2028-11-10", false)]
    public void A_certificate_is_valid_from_its_issue_through_its_last_day(string day, bool valid) =>
        Assert.Equal(valid, CertificateRules.IsValidOn(Certificate(), Day(day)));

    [Fact]
    public void A_revoked_certificate_is_invalid_from_its_revocation_day()
    {
        var revoked = Certificate() with { Revocation = new CertificateRevocation(Day("2026-01-15"), "dicabut", "t", default) };
        Assert.True(CertificateRules.IsValidOn(revoked, Day("2026-01-14")));
        Assert.False(CertificateRules.IsValidOn(revoked, Day("2026-01-15")));
    }

    [Fact]
    public void Not_yet_competent_is_never_valid() =>
        Assert.False(CertificateRules.IsValidOn(Certificate() with { Result = CertificateResult.NotYetCompetent, ValidUntil = null }, Day("2026-01-01")));

    [Fact]
    public void Without_an_end_a_competent_certificate_stays_valid() =>
        Assert.True(CertificateRules.IsValidOn(Certificate() with { ValidUntil = null }, Day("2040-01-01")));

    [Fact]
    public void Every_missing_or_wrong_field_is_reported_at_once()
    {
        var error = Assert.Throws<ValidationFailedException>(() => CertificateRules.Validate(
            new IssueCertificate(" ", null, null, null, null, CertificateResult.NotYetCompetent, Day("2025-11-21"), Day("2025-11-01"), null), Today, new FacilitySettings()));
        Assert.Equal(["issuedOn", "issuer", "issuerKind", "number", "title", "validUntil"], error.Errors.Keys.Order());
        Assert.Equal(2, error.Errors["validUntil"].Length);
    }

    [Fact]
    public void A_revocation_is_refused_twice_and_before_the_issue()
    {
        var certificate = Certificate();
        Assert.Equal(Today, CertificateRules.ValidateRevocation(new RevokeCertificate("salah", null), certificate, Today));
        Assert.Throws<ValidationFailedException>(() => CertificateRules.ValidateRevocation(new RevokeCertificate("salah", Day("2025-11-09")), certificate, Today));
        var revoked = certificate with { Revocation = new CertificateRevocation(Today, "salah", "t", default) };
        Assert.Throws<RuleViolationException>(() => CertificateRules.ValidateRevocation(new RevokeCertificate("lagi", null), revoked, Today));
    }

    private static LocalDate Day(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value;

    private static Certificate Certificate() =>
        new(CertificateId.New(), new InmateId(Guid.Empty), "lapas-cirebon", null, "Pembuat Jaring", null, "LSP", IssuerKind.LspBnsp, "N-1",
            CertificateResult.Competent, Day("2025-11-10"), Day("2028-11-09"), "t", default, null);
}
