using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Infrastructure;
using static Ledger.Api.Tests.Infrastructure.WorkPremiApi;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// A body that names a person outside the caller's facility gets exactly the answer an unknown id gets: it tells
/// nothing about the person (not their registration number, not where they were held).
/// </summary>
public sealed class ForeignPersonTests(ForeignPersonTests.App app) : IClassFixture<ForeignPersonTests.App>
{
    public sealed class App : LedgerApp
    {
        public Guid Cirebon { get; private set; }
        public Guid Gintung { get; private set; }

        protected override async Task SeedAsync()
        {
            await base.SeedAsync();
            Cirebon = await RegisterInmateAsync("lapas-cirebon", "CRB-0001", fullName: "Orang Cirebon");
            Gintung = await RegisterInmateAsync("lapas-gintung", "GTG-0001", fullName: "Orang Gintung");
        }
    }

    [Fact]
    public async Task Work_records_naming_a_Cirebon_person_in_a_Gintung_order_answer_as_for_an_unknown_id()
    {
        var order = await app.CreateOrderAsync(quantity: 100, facility: "lapas-gintung");
        var rows = new[] { Row(app.Cirebon, "2025-10-01", 5), Row(Guid.NewGuid(), "2025-10-01", 5), Row(app.Gintung, "2025-10-01", 5) };

        var response = await app.Bimker("lapas-gintung").PostAsJsonAsync($"/api/v1/work-orders/{order}/records", rows, LedgerApp.Json);

        var problem = await response.ExpectFieldErrorAsync("[0].inmateId");
        var errors = problem.GetProperty("errors");
        Assert.Equal(errors.GetProperty("[1].inmateId").ToString(), errors.GetProperty("[0].inmateId").ToString());
        Assert.False(errors.TryGetProperty("[2].inmateId", out _));
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("CRB-0001", text, StringComparison.Ordinal);
        Assert.DoesNotContain("lapas-cirebon", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Orang Cirebon", text, StringComparison.Ordinal);
        Assert.Equal(0, await app.QuerySingleAsync<long>("select count(*) from work_record where work_order_id = @order", new { order }));
    }

    [Fact]
    public async Task A_training_session_naming_a_Cirebon_person_answers_as_for_an_unknown_id()
    {
        await app.EnsureProgrammeAsync("lapas-gintung");
        var unknown = Guid.NewGuid();
        var response = await app.Bimker("lapas-gintung").PostAsJsonAsync("/api/v1/facilities/lapas-gintung/training-sessions",
            new { programmeCode = "sabut-kelapa", date = "2025-10-01", minutes = 60, inmateIds = new[] { app.Cirebon, unknown } }, LedgerApp.Json);

        var errors = (await response.ExpectFieldErrorAsync("inmateIds[0]")).GetProperty("errors");
        Assert.Equal(errors.GetProperty("inmateIds[1]").ToString().Replace(unknown.ToString(), "<id>"),
            errors.GetProperty("inmateIds[0]").ToString().Replace(app.Cirebon.ToString(), "<id>"));
        Assert.DoesNotContain("CRB-0001", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_training_import_naming_a_Cirebon_registration_number_answers_as_for_an_unknown_one()
    {
        await app.EnsureProgrammeAsync("lapas-gintung");
        const string Csv = "registrationNumber,programmeCode,date,minutes\nCRB-0001,sabut-kelapa,2025-10-01,60\nXXX-9999,sabut-kelapa,2025-10-01,60\n";
        var response = await app.Bimker("lapas-gintung").PostAsync("/api/v1/facilities/lapas-gintung/imports/training",
            new StringContent(Csv, System.Text.Encoding.UTF8, "text/csv"));

        var body = await response.ExpectAsync(HttpStatusCode.BadRequest);
        var reasons = body.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("reason").GetString()).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.Equal(reasons[1], reasons[0]);
        Assert.DoesNotContain("Orang Cirebon", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
