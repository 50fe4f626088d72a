using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Input;
using Ledger.Core.Storage;
using Ledger.Core.Text;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Skills;

/// <summary>A certificate with the registration number and name of its holder.</summary>
public sealed record CertificateOfPerson(Certificate Certificate, string RegistrationNumber, string FullName);

/// <summary>Certificates and their revocations in PostgreSQL; neither is ever updated or deleted.</summary>
public sealed class CertificateStore(NpgsqlDataSource dataSource)
{
    private const string Select = """
        select c.id as Id, c.inmate_id as InmateId, c.facility_code as FacilityCode, p.code as ProgrammeCode, c.title as Title, c.scheme as Scheme,
               c.issuer as Issuer, c.issuer_kind as IssuerKind, c.number as Number, c.result as Result, c.issued_on as IssuedOn,
               c.valid_until as ValidUntil, c.recorded_by as RecordedBy, c.recorded_at as RecordedAt,
               r.revoked_on as RevokedOn, r.reason as RevocationReason, r.recorded_by as RevokedBy, r.recorded_at as RevokedAt
        from certificate c
        left join programme p on p.id = c.programme_id
        left join certificate_revocation r on r.certificate_id = c.id
        """;

    public static async Task<Certificate> IssueAsync(WriteSession session, Facility facility, InmateId inmateId, IssueCertificate input, CancellationToken ct)
    {
        var validUntil = CertificateRules.Validate(input, facility.DateAt(session.Now), facility.Settings);
        Programme? programme = null;
        if (FreeText.Clean(input.ProgrammeCode) is { } code)
        {
            programme = await ProgrammeStore.FindForShareAsync(session, facility.Code, code, ct)
                ?? throw ValidationFailedException.For("programmeCode", TrainingRules.UnknownProgramme(code, facility.Code));
        }
        await InmateStore.LockFileAsync(session, inmateId, ct);
        var certificate = new Certificate(CertificateId.New(), inmateId, facility.Code, programme?.Code, input.Title!.Trim(), FreeText.Clean(input.Scheme),
            input.Issuer!.Trim(), input.IssuerKind!.Value, input.Number!.Trim(), input.Result!.Value, input.IssuedOn!.Value, validUntil,
            session.Actor.UserSub, session.Now, null);
        const string Sql = """
            insert into certificate (id, inmate_id, facility_code, programme_id, title, scheme, issuer, issuer_kind, number, result,
                                     issued_on, valid_until, recorded_by, recorded_at)
            values (@Id, @InmateId, @FacilityCode, @programmeId, @Title, @Scheme, @Issuer, @issuerKind, @Number, @result,
                    @IssuedOn, @ValidUntil, @RecordedBy, @RecordedAt)
            on conflict do nothing
            """;
        var inserted = await session.Connection.ExecuteAsync(session.Command(Sql, new
        {
            certificate.Id,
            certificate.InmateId,
            certificate.FacilityCode,
            programmeId = programme?.Id,
            certificate.Title,
            certificate.Scheme,
            certificate.Issuer,
            certificate.IssuerKind,
            certificate.Number,
            certificate.Result,
            certificate.IssuedOn,
            certificate.ValidUntil,
            certificate.RecordedBy,
            certificate.RecordedAt,
        }, ct));
        if (inserted == 0)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.CertificateNumberTaken, certificate.Number, certificate.Issuer));
        }
        await session.AuditAsync("certificate.issue", facility.Code, certificate.Id.ToString(), ct);
        return certificate;
    }

    /// <summary>Revokes a certificate from a day, with a reason; a second revocation is refused (409).</summary>
    public static async Task<Certificate> RevokeAsync(WriteSession session, Facility facility, CertificateId id, RevokeCertificate input, CancellationToken ct)
    {
        var inmateId = await session.Connection.QuerySingleOrDefaultAsync<Guid?>(session.Command("select inmate_id from certificate where id = @id", new { id }, ct))
            ?? throw new NotFoundException(Things.Certificate);
        // The person's lock serializes this with other writes about them; the certificate is read after it.
        await InmateStore.LockFileAsync(session, new InmateId(inmateId), ct);
        var certificate = (await ReadAsync(session.Connection, session.Transaction, ById, new { id }, ct)).Single();
        var on = CertificateRules.ValidateRevocation(input, certificate, facility.DateAt(session.Now));
        var revocation = new CertificateRevocation(on, input.Reason!.Trim(), session.Actor.UserSub, session.Now);
        const string Sql = """
            insert into certificate_revocation (certificate_id, revoked_on, reason, recorded_by, recorded_at)
            values (@id, @RevokedOn, @Reason, @RecordedBy, @RecordedAt)
            on conflict (certificate_id) do nothing
            """;
        var inserted = await session.Connection.ExecuteAsync(session.Command(Sql, new
        {
            id,
            revocation.RevokedOn,
            revocation.Reason,
            revocation.RecordedBy,
            revocation.RecordedAt,
        }, ct));
        if (inserted == 0)
        {
            throw new RuleViolationException(Catalogue.Fill(Rules.CertificateAlreadyRevoked, certificate.Number));
        }
        await session.AuditAsync("certificate.revoke", facility.Code, id.ToString(), ct);
        return certificate with { Revocation = revocation };
    }

    /// <summary>The facility a certificate's person is in now, for scope checks; null when the certificate does not exist.</summary>
    public async Task<string?> FacilityOfAsync(CertificateId id, CancellationToken ct)
    {
        const string Sql = "select i.facility_code from certificate c join inmate i on i.id = c.inmate_id where c.id = @id";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(Sql, new { id }, cancellationToken: ct));
    }

    /// <summary>A person's certificates, revoked ones included, in the order they were issued.</summary>
    public async Task<IReadOnlyList<Certificate>> ListAsync(InmateId inmateId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadAsync(connection, null, OfPeople, new { ids = new[] { inmateId.Value } }, ct);
    }

    /// <summary>The certificates of the people in <c>@ids</c> (a uuid array), by the person's index; a caller may send it with its own statements.</summary>
    internal const string OfPeople = Select + " join unnest(@ids::uuid[]) as person(id) on person.id = c.inmate_id order by c.issued_on, c.recorded_at, c.id;";

    internal static async Task<ILookup<InmateId, Certificate>> ReadOfPeopleAsync(SqlMapper.GridReader grid) =>
        (await grid.ReadAsync<Row>()).Select(r => r.ToCertificate()).ToLookup(c => c.InmateId);

    /// <summary>The certificates a facility recorded last, newest first, with whom each belongs to (the certificates page).</summary>
    public async Task<IReadOnlyList<CertificateOfPerson>> RecentAsync(string facilityCode, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var certificates = await ReadAsync(connection, null, RecentOfFacility, new { facilityCode, limit }, ct);
        var people = (await connection.QueryAsync<(Guid Id, string RegistrationNumber, string FullName)>(new CommandDefinition(
            "select id, registration_number, full_name from inmate where id = any(@ids)", new { ids = certificates.Select(c => c.InmateId.Value).Distinct().ToArray() },
            cancellationToken: ct))).ToDictionary(p => p.Id);
        return [.. certificates.Select(c => new CertificateOfPerson(c, people[c.InmateId.Value].RegistrationNumber, people[c.InmateId.Value].FullName))];
    }

    private const string RecentOfFacility = Select + " where c.facility_code = @facilityCode order by c.recorded_at desc, c.id desc limit @limit";

    private const string ById = Select + " where c.id = @id";

    /// <summary>Runs one of the constant queries above (values are always bound).</summary>
    private static async Task<IReadOnlyList<Certificate>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, object parameters, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
        return rows.Select(r => r.ToCertificate()).ToList();
    }

    private sealed record Row(CertificateId Id, InmateId InmateId, string FacilityCode, string? ProgrammeCode, string Title, string? Scheme, string Issuer,
        IssuerKind IssuerKind, string Number, CertificateResult Result, LocalDate IssuedOn, LocalDate? ValidUntil, string RecordedBy, Instant RecordedAt,
        LocalDate? RevokedOn, string? RevocationReason, string? RevokedBy, Instant? RevokedAt)
    {
        public Certificate ToCertificate() => new(Id, InmateId, FacilityCode, ProgrammeCode, Title, Scheme, Issuer,
            IssuerKind, Number, Result, IssuedOn, ValidUntil, RecordedBy, RecordedAt,
            RevokedOn is { } on ? new CertificateRevocation(on, RevocationReason!, RevokedBy!, RevokedAt!.Value) : null);
    }
}
