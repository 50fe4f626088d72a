using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Registry;

/// <summary>Two facilities, a few people registered by hand, and the ways a registry file is sent.</summary>
public class RegistryApp : LedgerApp
{
    public const string PeopleHeader = "No. Registrasi,Nama,Tanggal Lahir,Tanggal Penahanan,Pidana Tahun,Pidana Bulan,Pidana Hari,Jenis Pidana,Tanggal Bebas";
    public const string RemisiHeader = "No. Registrasi,Jenis,Tanggal SK,Nomor SK,Bulan,Hari";
    public const string RegisterFHeader = "No. Registrasi,Tanggal,Uraian";

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        await RegisterInmateAsync("lapas-gintung", "GTG-REG-01", fullName: "Orang Gintung");
    }

    public static string Csv(string header, params string[] rows) => string.Join("\r\n", [header, .. rows]) + "\r\n";

    /// <summary>The three sheets as the parts of a form (a sheet left null is not sent).</summary>
    public static MultipartFormDataContent Form(string people, string? remisi = null, string? registerF = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, text) in new[] { ("people", people), ("remisi", remisi), ("registerF", registerF) })
        {
            if (text is not null)
            {
                var part = new StringContent(text, new UTF8Encoding(false));
                part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                form.Add(part, name, name + ".csv");
            }
        }
        return form;
    }

    public Task<HttpResponseMessage> ImportAsync(HttpContent content, bool dryRun, string facility = "lapas-cirebon") =>
        Client("admin", facility).PostAsync($"/api/v1/facilities/{facility}/imports/registry?dryRun={(dryRun ? "true" : "false")}", content);

    public Task<long> CountAsync(string table) => QuerySingleAsync<long>($"select count(*) from {table}");

    /// <summary>What an import may change and what it never may, counted: equal counts before and after mean nothing was written.</summary>
    public async Task<string> FootprintAsync()
    {
        var parts = new List<string>();
        foreach (var table in new[] { "inmate", "inmate_placement", "remission", "discipline_entry", "inmate_correction", "audit_log", "training_entry",
                     "certificate", "work_record", "premi_entry", "premi_account" })
        {
            parts.Add($"{table}={await CountAsync(table)}");
        }
        parts.Add("released=" + await QuerySingleAsync<long>("select count(*) from inmate where released_on is not null"));
        parts.Add("names=" + await QuerySingleAsync<string>("select coalesce(md5(string_agg(full_name || sentence_years || sentence_months || sentence_days, ',' order by id)), '') from inmate"));
        return string.Join(' ', parts);
    }

    public async Task<JsonElement> ReadinessAsync(Guid id, string facility = "lapas-cirebon")
    {
        var response = await Client("admin", facility).GetAsync($"/api/v1/inmates/{id}/release-readiness");
        return await response.ExpectAsync(System.Net.HttpStatusCode.OK);
    }

    public async Task<Guid> IdOfAsync(string registrationNumber, string facility = "lapas-cirebon") =>
        await QuerySingleAsync<Guid>("select id from inmate where facility_code = @facility and registration_number = @registrationNumber", new { facility, registrationNumber });

    public async Task GrantAsync(Guid id, string grantedOn, int months, string decree, string facility = "lapas-cirebon") =>
        await (await Client("admin", facility).PostAsJsonAsync($"/api/v1/inmates/{id}/remissions", new { kind = "umum", grantedOn, months, days = 0, decreeNumber = decree }, Json))
            .ExpectAsync(System.Net.HttpStatusCode.Created);
}
