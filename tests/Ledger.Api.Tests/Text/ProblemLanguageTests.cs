using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Text;

/// <summary>
/// A client that asks for Indonesian (Accept-Language: id) reads every kind of problem in Indonesian; a client that
/// asks for nothing reads the English the API has always answered, word for word.
/// </summary>
public sealed class ProblemLanguageTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private const string Inmates = "/api/v1/facilities/lapas-cirebon/inmates";

    private HttpClient Client(string role, string? language)
    {
        var client = app.Client(role);
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }
        return client;
    }

    private static StringContent Person(string registrationNumber, string detentionDate) =>
        new("""{"registrationNumber":"REG","fullName":"Asep Contoh","detentionDate":"DAY","sentenceKind":"fixed","sentence":{"years":2}}"""
            .Replace("REG", registrationNumber, StringComparison.Ordinal).Replace("DAY", detentionDate, StringComparison.Ordinal), Encoding.UTF8, "application/json");

    private static string Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Theory]
    [InlineData(null, "One or more fields are invalid", "must not be after today (2025-11-20)")]
    [InlineData("id", "Satu atau lebih isian tidak sah", "tidak boleh setelah hari ini (20 November 2025)")]
    [InlineData("id-ID", "Satu atau lebih isian tidak sah", "tidak boleh setelah hari ini (20 November 2025)")]
    public async Task A_field_error_is_in_the_language_asked_for(string? language, string title, string reason)
    {
        var response = await Client("admin", language).PostAsync(Inmates, Person("CRB-LANG-1", "2025-12-01"));

        var problem = await response.ExpectFieldErrorAsync("detentionDate");
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(reason, Error(problem, "detentionDate"));
    }

    [Theory]
    [InlineData(null, "Refused by a ledger rule", "Registration number 'CRB-LANG-2' is already used in lapas-cirebon.")]
    [InlineData("id", "Ditolak oleh aturan pencatatan", "Nomor registrasi 'CRB-LANG-2' sudah dipakai di lapas-cirebon.")]
    public async Task A_rule_conflict_is_in_the_language_asked_for(string? language, string title, string detail)
    {
        await Client("admin", null).PostAsync(Inmates, Person("CRB-LANG-2", "2025-01-10"));

        var response = await Client("admin", language).PostAsync(Inmates, Person("CRB-LANG-2", "2025-01-10"));

        var problem = await response.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null, "Not found", "No such resource, or it is outside your facilities.")]
    [InlineData("id", "Tidak ditemukan", "Data tidak ditemukan, atau berada di luar Lapas Anda.")]
    public async Task Not_found_is_in_the_language_asked_for(string? language, string title, string detail)
    {
        var response = await Client("bimker", language).GetAsync($"/api/v1/inmates/{Guid.NewGuid()}");

        var problem = await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null, "Forbidden", "None of your roles may change inmates here; allowed: admin.")]
    [InlineData("id", "Tidak diizinkan", "Tidak satu pun peran Anda boleh mengubah data warga binaan di sini; yang boleh: admin.")]
    public async Task Forbidden_is_in_the_language_asked_for(string? language, string title, string detail)
    {
        var response = await Client("bimker", language).PostAsync(Inmates, Person("CRB-LANG-3", "2025-01-10"));

        var problem = await response.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null, "is not a valid date; expected an existing day as yyyy-MM-dd (The day 30 is out of range in month 2 of year 2025)")]
    [InlineData("id", "bukan tanggal yang sah; seharusnya tanggal yang ada dengan format yyyy-MM-dd (Tanggal 30 tidak ada pada bulan 2 tahun 2025)")]
    public async Task A_binding_error_is_in_the_language_asked_for(string? language, string reason)
    {
        var response = await Client("admin", language).PostAsync(Inmates, Person("CRB-LANG-4", "2025-02-30"));

        var problem = await response.ExpectFieldErrorAsync("detentionDate");
        Assert.Equal(reason, Error(problem, "detentionDate"));
    }

    [Fact]
    public async Task A_language_the_ledger_does_not_speak_gets_English()
    {
        var response = await Client("admin", "fr").PostAsync(Inmates, Person("CRB-LANG-5", "2025-12-01"));

        var problem = await response.ExpectFieldErrorAsync("detentionDate");
        Assert.Equal("must not be after today (2025-11-20)", Error(problem, "detentionDate"));
    }
}
