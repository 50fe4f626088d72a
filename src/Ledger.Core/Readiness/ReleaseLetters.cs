using System.Globalization;
using Dapper;
using Ledger.Core.Facilities;
using Ledger.Core.Inmates;
using Ledger.Core.Storage;
using NodaTime;
using Npgsql;

namespace Ledger.Core.Readiness;

/// <summary>An officer's name and NIP as a signature block prints them, keyed by their sign-in subject.</summary>
public sealed record StaffProfile(string UserSub, string FullName, string Nip);

/// <summary>
/// Who signs a release file and under which number: the officer who prints it and the head of the Lapas who
/// acknowledges it ("Mengetahui"). A name that is not known leaves a blank line to write on; no letter number: a draft.
/// </summary>
public sealed record ReleaseSignatures(string? LetterNumber, string OfficerName, string? OfficerNip, string? HeadName, string? HeadNip);

/// <summary>One printing of a person's release file, with what its signature blocks showed.</summary>
public sealed record ReleaseLetter(Guid Id, string FacilityCode, Guid InmateId, int Year, int Number, string LetterNumber, LocalDate PrintedOn,
    string PrintedBy, string OfficerName, string? OfficerNip, string? HeadName, string? HeadNip)
{
    public ReleaseSignatures Signatures => new(LetterNumber, OfficerName, OfficerNip, HeadName, HeadNip);
}

/// <summary>
/// Release letters: each printing of a release file takes the next number of its Lapas's yearly sequence, written
/// in the Lapas's own pattern (<see cref="FacilitySettings.ReleaseLetterPattern"/>), and keeps the names it printed.
/// </summary>
public sealed class ReleaseLetterStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id as Id, facility_code as FacilityCode, inmate_id as InmateId, year as Year, number as Number, letter_number as LetterNumber,
        printed_on as PrintedOn, printed_by as PrintedBy, officer_name as OfficerName, officer_nip as OfficerNip, head_name as HeadName, head_nip as HeadNip
        """;

    /// <summary>The letter number: <c>{n}</c> the running number, <c>{yyyy}</c> the year.</summary>
    public static string LetterNumber(string pattern, int number, int year) => pattern
        .Replace("{n}", number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{yyyy}", year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>
    /// Takes the next number of the facility's sequence for this year and records the printing. The sequence row is
    /// locked by the upsert until the write commits, so two printings at once get consecutive numbers; a write that
    /// fails gives its number back with the rollback.
    /// </summary>
    public static async Task<ReleaseLetter> IssueAsync(WriteSession session, Facility facility, InmateId inmateId, string officerName, CancellationToken ct)
    {
        await InmateStore.LockFileAsync(session, inmateId, ct);
        var printedOn = facility.DateAt(session.Now);
        const string Next = """
            insert into release_letter_sequence as s (facility_code, year, last_number) values (@code, @year, 1)
            on conflict (facility_code, year) do update set last_number = s.last_number + 1
            returning last_number
            """;
        var number = await session.Connection.ExecuteScalarAsync<int>(session.Command(Next, new { code = facility.Code, year = printedOn.Year }, ct));
        var profile = await session.Connection.QuerySingleOrDefaultAsync<StaffProfile>(session.Command(
            "select user_sub as UserSub, full_name as FullName, nip as Nip from staff_profile where user_sub = @sub", new { sub = session.Actor.UserSub }, ct));
        var settings = facility.Settings;
        var letter = new ReleaseLetter(Guid.CreateVersion7(), facility.Code, inmateId.Value, printedOn.Year, number,
            LetterNumber(settings.ReleaseLetterPattern, number, printedOn.Year), printedOn, session.Actor.UserSub,
            profile?.FullName ?? officerName, profile?.Nip, settings.HeadName, settings.HeadNip);
        const string Insert = """
            insert into release_letter (id, facility_code, inmate_id, year, number, letter_number, printed_on, printed_by,
                                        officer_name, officer_nip, head_name, head_nip, created_at)
            values (@Id, @FacilityCode, @InmateId, @Year, @Number, @LetterNumber, @PrintedOn, @PrintedBy,
                    @OfficerName, @OfficerNip, @HeadName, @HeadNip, @now)
            """;
        await session.Connection.ExecuteAsync(session.Command(Insert, new
        {
            letter.Id, letter.FacilityCode, letter.InmateId, letter.Year, letter.Number, letter.LetterNumber, letter.PrintedOn, letter.PrintedBy,
            letter.OfficerName, letter.OfficerNip, letter.HeadName, letter.HeadNip, now = session.Now,
        }, ct));
        await session.AuditAsync("release-letter.issue", facility.Code, inmateId.ToString(), ct);
        return letter;
    }

    /// <summary>A letter of this person, or null (another person's letter is not theirs to reprint).</summary>
    public async Task<ReleaseLetter?> GetAsync(InmateId inmateId, Guid letterId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ReleaseLetter>(new CommandDefinition(
            $"select {Columns} from release_letter where id = @letterId and inmate_id = @inmateId", new { letterId, inmateId = inmateId.Value }, cancellationToken: ct));
    }

    /// <summary>The officer's profile, or null when none is on file.</summary>
    public async Task<StaffProfile?> ProfileAsync(string userSub, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<StaffProfile>(new CommandDefinition(
            "select user_sub as UserSub, full_name as FullName, nip as Nip from staff_profile where user_sub = @userSub", new { userSub }, cancellationToken: ct));
    }

    /// <summary>The signature blocks of a draft (no number): the reader's profile, else their name; the head from the settings.</summary>
    public async Task<ReleaseSignatures> DraftAsync(Facility facility, string userSub, string userName, CancellationToken ct)
    {
        var profile = await ProfileAsync(userSub, ct);
        return new ReleaseSignatures(null, profile?.FullName ?? userName, profile?.Nip, facility.Settings.HeadName, facility.Settings.HeadNip);
    }
}
