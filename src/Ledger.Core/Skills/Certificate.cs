using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Input;
using Ledger.Core.Text;
using NodaTime;

namespace Ledger.Core.Skills;

/// <summary>Who issued a certificate: an LSP under BNSP, a BLK, the partner company or the Lapas itself.</summary>
public enum IssuerKind
{
    LspBnsp,
    Blk,
    Partner,
    Facility,
}

/// <summary>Kompeten or belum kompeten.</summary>
public enum CertificateResult
{
    Competent,
    NotYetCompetent,
}

/// <summary>The revocation of a certificate: from which day and why. A certificate is revoked at most once.</summary>
public sealed record CertificateRevocation(LocalDate RevokedOn, string Reason, string RecordedBy, Instant RecordedAt);

/// <summary>A certificate a person earned, as recorded; never edited or deleted, only revoked.</summary>
public sealed record Certificate(
    CertificateId Id,
    InmateId InmateId,
    string FacilityCode,
    string? ProgrammeCode,
    string Title,
    string? Scheme,
    string Issuer,
    IssuerKind IssuerKind,
    string Number,
    CertificateResult Result,
    LocalDate IssuedOn,
    LocalDate? ValidUntil,
    string RecordedBy,
    Instant RecordedAt,
    CertificateRevocation? Revocation);

/// <summary>A certificate with whether it proves anything today and at the expected release.</summary>
public sealed record CertificateStanding(Certificate Certificate, bool ValidToday, bool ValidAtRelease);

/// <summary>The request to record a certificate; <c>programmeCode</c> links it to a programme of the facility for reports.</summary>
public sealed record IssueCertificate(
    string? Title,
    string? Scheme,
    string? Issuer,
    IssuerKind? IssuerKind,
    string? Number,
    CertificateResult? Result,
    LocalDate? IssuedOn,
    LocalDate? ValidUntil,
    string? ProgrammeCode);

/// <summary>The request to revoke a certificate, from <c>revokedOn</c> (default today).</summary>
public sealed record RevokeCertificate(string? Reason, LocalDate? RevokedOn);

/// <summary>Pure rules of certificates: checks, the default validity, and validity on a day.</summary>
public static class CertificateRules
{
    /// <summary>The longest validity a certificate may be given.</summary>
    public const int MaxValidityYears = 50;

    /// <summary>Checks the request and returns the valid-until day to store (the BNSP default when none is given).</summary>
    public static LocalDate? Validate(IssueCertificate input, LocalDate today, FacilitySettings settings)
    {
        var errors = new FieldErrors();
        errors.Text(input.Title, "title", 200);
        errors.Text(input.Scheme, "scheme", 200, required: false);
        errors.Text(input.Issuer, "issuer", 200);
        errors.Required(input.IssuerKind, "issuerKind");
        errors.Text(input.Number, "number", 100);
        errors.Required(input.Result, "result");
        if (errors.Required(input.IssuedOn, "issuedOn") && input.IssuedOn > today)
        {
            errors.Add("issuedOn", Catalogue.Fill(Fields.MustNotBeAfterToday, Format.Date(today)));
        }
        errors.NotBefore(input.IssuedOn, PlausibleDates.Earliest, "issuedOn");
        if (input.ValidUntil is { } until)
        {
            if (input.IssuedOn is { } issued && until < issued)
            {
                errors.Add("validUntil", Catalogue.Fill(Fields.MustNotBeBefore, "issuedOn"));
            }
            if (input.IssuedOn is { } from && until > from.PlusYears(MaxValidityYears))
            {
                errors.Add("validUntil", Catalogue.Fill(Fields.MustBeAtMostYearsAfter, MaxValidityYears, "issuedOn"));
            }
            if (input.Result == CertificateResult.NotYetCompetent)
            {
                errors.Add("validUntil", Fields.NotCompetentHasNoValidity);
            }
        }
        errors.ThrowIfAny();
        return input.ValidUntil ?? DefaultValidUntil(input.IssuerKind!.Value, input.Result!.Value, input.IssuedOn!.Value, settings);
    }

    /// <summary>
    /// BNSP certificates are valid a number of years (a setting, 3 by default) up to the day before the
    /// anniversary: issued 2025-11-10 → valid through 2028-11-09. Other issuers have no default.
    /// </summary>
    public static LocalDate? DefaultValidUntil(IssuerKind kind, CertificateResult result, LocalDate issuedOn, FacilitySettings settings) =>
        kind == IssuerKind.LspBnsp && result == CertificateResult.Competent
            ? issuedOn.PlusYears(settings.BnspValidityYears).PlusDays(-1)
            : null;

    /// <summary>Valid on a day: competent, issued on or before it, not expired and not revoked by then.</summary>
    public static bool IsValidOn(Certificate certificate, LocalDate day) =>
        certificate.Result == CertificateResult.Competent
        && certificate.IssuedOn <= day
        && (certificate.ValidUntil is null || day <= certificate.ValidUntil)
        && (certificate.Revocation is null || day < certificate.Revocation.RevokedOn);

    public static CertificateStanding Standing(Certificate certificate, LocalDate today, LocalDate expectedRelease) =>
        new(certificate, IsValidOn(certificate, today), IsValidOn(certificate, expectedRelease));

    /// <summary>Checks a revocation and returns its day (today when none is given).</summary>
    public static LocalDate ValidateRevocation(RevokeCertificate input, Certificate certificate, LocalDate today)
    {
        var errors = new FieldErrors();
        ReasonRule.Check(input.Reason, errors);
        var on = input.RevokedOn ?? today;
        if (on > today)
        {
            errors.Add("revokedOn", Catalogue.Fill(Fields.MustNotBeAfterToday, Format.Date(today)));
        }
        else if (on < certificate.IssuedOn)
        {
            errors.Add("revokedOn", Catalogue.Fill(Fields.NotBeforeCertificateIssued, Format.Date(certificate.IssuedOn)));
        }
        errors.ThrowIfAny();
        if (certificate.Revocation is { } earlier)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.CertificateAlreadyRevokedOn, certificate.Number, Format.Date(earlier.RevokedOn), earlier.Reason));
        }
        return on;
    }
}
