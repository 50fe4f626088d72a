using System.Net;
using System.Net.Http.Json;
using System.Text;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Skills;

namespace Ledger.Api.Tests.Inmates;

/// <summary>
/// Registration numbers are one key however they are typed (look-alikes are the same number or refused), free text
/// refuses control characters and invisible-only values, and dates stay within plausible bounds.
/// </summary>
public sealed class KeysAndTextTests(KeysAndTextTests.App app) : IClassFixture<KeysAndTextTests.App>
{
    public sealed class App : SkillsApp
    {
        public Guid Person { get; private set; }

        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            Person = await RegisterInmateAsync("lapas-cirebon", "CRB-0012", fullName: "Asep Sutisna");
        }
    }

    private static object Registration(string registrationNumber, string fullName = "Kembaran Contoh", string detentionDate = "2024-03-01", string? birthDate = null) => new
    {
        registrationNumber,
        fullName,
        birthDate,
        detentionDate,
        sentenceKind = "fixed",
        sentence = new { years = 3, months = 0, days = 0 },
    };

    private Task<HttpResponseMessage> RegisterAsync(object body) =>
        app.Client("admin").PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/inmates", body, LedgerApp.Json);

    private Task<long> AuditRowsAsync() => app.QuerySingleAsync<long>("select count(*) from audit_log");

    public static TheoryData<string> LookAlikes => new()
    {
        "CRB-\uFF10\uFF10\uFF11\uFF12",   // fullwidth digits
        "crb-0012",                       // lower case
        "CRB\u20100012",                  // U+2010 HYPHEN
        "CRB-0012\u200B",                 // zero-width space
        "\u0421RB-0012",                  // Cyrillic capital ES
    };

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public async Task A_look_alike_of_a_registered_number_is_the_same_number_or_refused(string lookAlike)
    {
        var response = await RegisterAsync(Registration(lookAlike));

        Assert.True(response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest,
            $"{Escape(lookAlike)} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            await response.ExpectFieldErrorAsync("registrationNumber");
        }
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from inmate where full_name = 'Kembaran Contoh'"));
    }

    [Theory]
    [InlineData("\u0421RB-0099", "U+0421")]
    [InlineData("CRB_0099", "'_'")]
    [InlineData("CRB#0099", "'#'")]
    public async Task A_character_outside_the_allowed_set_is_a_400_naming_it(string number, string named)
    {
        var body = await (await RegisterAsync(Registration(number))).ExpectFieldErrorAsync("registrationNumber");

        var reason = body.GetProperty("errors").GetProperty("registrationNumber")[0].GetString()!;
        Assert.Contains(named, reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_is_stored_in_its_normal_form()
    {
        var created = await (await RegisterAsync(Registration("  crb\u2013\uFF10\uFF10\uFF19\uFF19\u200D   b/1 ", fullName: "Normal Contoh"))).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("CRB-0099 B/1", created.GetProperty("registrationNumber").GetString());
        Assert.Equal("CRB-0099 B/1", await app.QuerySingleAsync<string>("select registration_number from inmate where full_name = 'Normal Contoh'"));
    }

    [Theory]
    [InlineData("crb-0012")]
    [InlineData("CRB\u20100012")]
    [InlineData("\uFF23\uFF32\uFF22-\uFF10\uFF10\uFF11\uFF12")]
    [InlineData("crb-0012\u200B")]
    public async Task A_search_by_any_spelling_of_the_number_finds_the_person(string search)
    {
        var result = await (await app.Client("bimker").GetAsync($"/api/v1/facilities/lapas-cirebon/inmates?search={Uri.EscapeDataString(search)}")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["CRB-0012"], result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("registrationNumber").GetString()));
    }

    [Fact]
    public async Task A_training_import_finds_the_person_by_any_spelling_of_the_number()
    {
        const string File = "registrationNumber,programmeCode,date,minutes\n" +
                            "crb-0012,sabut-kelapa,2025-09-01,60\n" +
                            "CRB\u20100012\u200B,sabut-kelapa,2025-09-02,60\n" +
                            "CRB-\uFF10\uFF10\uFF11\uFF12,sabut-kelapa,2025-09-03,60\n";

        var imported = await (await app.Client("bimker").PostAsync("/api/v1/facilities/lapas-cirebon/imports/training", new StringContent(File, new UTF8Encoding(false), "text/csv")))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(1, imported.GetProperty("people").GetInt32());
        Assert.Equal(3, await app.QuerySingleAsync<long>("select count(*) from training_entry where inmate_id = @id and day between '2025-09-01' and '2025-09-03'", new { id = app.Person }));
    }

    [Fact]
    public async Task A_training_import_names_a_number_or_a_note_it_refuses()
    {
        const string File = "registrationNumber,programmeCode,date,minutes,note\n" +
                            "\u0421RB-0012,sabut-kelapa,2025-09-04,60,\n" +
                            "CRB-0012,sabut-kelapa,2025-09-05,60,Teori\u0007\n" +
                            "CRB-0012,sabut-kelapa,2025-09-06,60,\u200B\u2060\n";

        var body = await (await app.Client("bimker").PostAsync("/api/v1/facilities/lapas-cirebon/imports/training", new StringContent(File, new UTF8Encoding(false), "text/csv")))
            .ExpectFieldErrorAsync("line 2: registrationNumber");

        var errors = body.GetProperty("errors");
        Assert.Contains("U+0421", errors.GetProperty("line 2: registrationNumber")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("line 3: note", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("line 4: note", out _), errors.ToString());
    }

    /// <summary>A request with one bad text field: who sends it, where, and the field its 400 must name.</summary>
    private (HttpClient Client, string Path, object Body, string Field) TextRequest(string target, string bad) => target switch
    {
        "fullName" => (app.Client("admin"), "/api/v1/facilities/lapas-cirebon/inmates", Registration("CRB-TXT-1", fullName: bad), "fullName"),
        "decreeNumber" => (app.Client("admin"), $"/api/v1/inmates/{app.Person}/remissions", new { kind = "umum", grantedOn = "2025-08-17", months = 1, decreeNumber = bad }, "decreeNumber"),
        "discipline" => (app.Client("admin"), $"/api/v1/inmates/{app.Person}/discipline", new { occurredOn = "2025-06-01", description = bad }, "description"),
        "facility" => (app.Client("admin", facility: null, region: "jawa-barat"), "/api/v1/facilities", new { code = "lapas-teks", name = bad, region = "jawa-barat", timeZone = "Asia/Jakarta" }, "name"),
        "programme" => (app.Client("bimker"), "/api/v1/facilities/lapas-cirebon/programmes", new { code = "teks", name = bad, kind = "training" }, "name"),
        "partner" => (app.Client("bimker"), "/api/v1/facilities/lapas-cirebon/programmes", new { code = "teks", name = "Teks", kind = "training", partner = bad }, "partner"),
        "note" => (app.Client("bimker"), $"/api/v1/inmates/{app.Person}/training", new { programmeCode = "sabut-kelapa", date = "2025-09-10", minutes = 60, note = bad }, "note"),
        "title" => (app.Client("bimker"), $"/api/v1/inmates/{app.Person}/certificates", Certificate(title: bad), "title"),
        "issuer" => (app.Client("bimker"), $"/api/v1/inmates/{app.Person}/certificates", Certificate(issuer: bad), "issuer"),
        "number" => (app.Client("bimker"), $"/api/v1/inmates/{app.Person}/certificates", Certificate(number: bad), "number"),
        "order" => (app.Client("bimker"), "/api/v1/facilities/lapas-cirebon/work-orders", Order(description: bad), "description"),
        "buyer" => (app.Client("bimker"), "/api/v1/facilities/lapas-cirebon/work-orders", Order(buyer: bad), "buyer"),
        "scheme" => (app.Finance(), "/api/v1/facilities/lapas-cirebon/premi-schemes", new { name = bad, kind = "piece-rate", rate = 5000, savingsPercent = 50, validFrom = "2025-01-01" }, "name"),
        "withdrawal" => (app.Finance(), $"/api/v1/inmates/{app.Person}/premi/withdrawals", new { part = "spendable", amount = 1, purpose = "basic-needs", note = bad }, "note"),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    private static object Certificate(string title = "Pelatihan", string issuer = "PT Coir", string number = "COIR-T1", string issuedOn = "2025-10-16") =>
        new { title, issuer, issuerKind = "partner", number, result = "competent", issuedOn };

    private static object Order(string description = "Jaring", string buyer = "Pembeli", string startsOn = "2025-09-01", string endsOn = "2025-09-30") =>
        new { programmeCode = "sabut-kelapa", description, partner = "PT Coir", buyer, quantity = 10, startsOn, endsOn };

    public static TheoryData<string, string> BadText()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in new[] { "fullName", "decreeNumber", "discipline", "facility", "programme", "partner", "note", "title", "issuer", "number", "order", "buyer", "scheme", "withdrawal" })
        {
            data.Add(target, "Asep\u0007Contoh");        // BEL
            data.Add(target, "\u200B\u200C\u2060");      // only zero-width characters
            data.Add(target, " \u202E\u00A0\uFEFF ");    // a bidi control, spaces and a BOM
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task A_text_field_with_a_control_character_or_nothing_visible_is_a_400_naming_it(string target, string bad)
    {
        var before = await AuditRowsAsync();
        var (client, path, body, field) = TextRequest(target, bad);

        await (await client.PostAsJsonAsync(path, body, LedgerApp.Json)).ExpectFieldErrorAsync(field);

        Assert.Equal(before, await AuditRowsAsync());
    }

    [Fact]
    public async Task A_reversal_reason_with_a_control_character_is_refused()
    {
        var entry = await app.RecordAsync(app.Person, "2025-09-15", 60);

        await (await app.Client("bimker").PostAsJsonAsync($"/api/v1/training/{entry}/reversal", new { reason = "salah\u0000input" })).ExpectFieldErrorAsync("reason");
        await (await app.Client("bimker").PostAsJsonAsync($"/api/v1/training/{entry}/reversal", new { reason = "\u200B" })).ExpectFieldErrorAsync("reason");
    }

    [Fact]
    public async Task A_multi_line_description_keeps_its_line_breaks()
    {
        await (await app.Client("admin").PostAsJsonAsync($"/api/v1/inmates/{app.Person}/discipline", new { occurredOn = "2025-06-02", description = "Baris satu\r\nBaris dua\tdengan tab" }))
            .ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_detention_before_1945_or_a_birth_before_1900_is_a_400_naming_the_field()
    {
        await (await RegisterAsync(Registration("CRB-OLD-1", detentionDate: "1944-12-31"))).ExpectFieldErrorAsync("detentionDate");
        await (await RegisterAsync(Registration("CRB-OLD-2", birthDate: "1899-12-31"))).ExpectFieldErrorAsync("birthDate");
        await (await RegisterAsync(Registration("CRB-OLD-3", detentionDate: "1945-01-01", birthDate: "1900-01-01"))).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_remisi_longer_than_the_sentence_is_a_400_naming_the_field()
    {
        var id = await app.RegisterInmateAsync("lapas-cirebon", "CRB-REM-LONG", detentionDate: "2024-03-01", years: 3);
        var admin = app.Client("admin");

        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/remissions", new { kind = "umum", grantedOn = "2025-08-17", months = 37, decreeNumber = "PAS-1" })).ExpectFieldErrorAsync("months");
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/remissions", new { kind = "umum", grantedOn = "2025-08-17", days = 1200, decreeNumber = "PAS-2" })).ExpectFieldErrorAsync("days");
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/remissions", new { kind = "umum", grantedOn = "2025-08-17", months = 30, decreeNumber = "PAS-3" })).ExpectAsync(HttpStatusCode.Created);
        // With the 30 months already granted, 7 more would outgrow the 36 months of the sentence.
        await (await admin.PostAsJsonAsync($"/api/v1/inmates/{id}/remissions", new { kind = "khusus", grantedOn = "2025-08-18", months = 7, decreeNumber = "PAS-4" })).ExpectFieldErrorAsync("months");
    }

    [Fact]
    public async Task Certificates_programmes_and_work_orders_before_1945_are_a_400_naming_the_field()
    {
        var bimker = app.Client("bimker");

        await (await bimker.PostAsJsonAsync($"/api/v1/inmates/{app.Person}/certificates", Certificate(number: "OLD-1", issuedOn: "1900-01-01"))).ExpectFieldErrorAsync("issuedOn");
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/programmes", new { code = "kuno", name = "Kuno", kind = "training", startsOn = "1900-01-01" })).ExpectFieldErrorAsync("startsOn");
        await (await bimker.PostAsJsonAsync("/api/v1/facilities/lapas-cirebon/work-orders", Order(startsOn: "1900-01-01"))).ExpectFieldErrorAsync("startsOn");
    }

    [Theory]
    [InlineData("crb-0013")]
    [InlineData("CRB\u20100013")]
    [InlineData("CRB-0013 ")]
    [InlineData("\u0421RB-0013")]
    public async Task The_database_stores_only_numbers_in_their_normal_form(string number)
    {
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.QuerySingleAsync<int>("""
            insert into inmate (id, facility_code, registration_number, full_name, detention_date, sentence_years, sentence_months, sentence_days, sentence_kind, created_at)
            values (gen_random_uuid(), 'lapas-cirebon', @number, 'Langsung', date '2024-03-01', 3, 0, 0, 'fixed', now()) returning 1
            """, new { number }));

        Assert.Equal("inmate_registration_normal", refused.ConstraintName);
    }

    private static string Escape(string text) => string.Concat(text.Select(c => c < 0x7F && c >= 0x20 ? c.ToString() : $"\\u{(int)c:X4}"));
}
