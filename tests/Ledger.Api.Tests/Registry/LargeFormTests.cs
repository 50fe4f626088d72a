using System.Net;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Registry;

/// <summary>
/// A form whose parts are larger than ASP.NET Core's in-memory form buffer (64 KB): the body is buffered to disk and
/// each part is a view of it, so the reader, which opens every sheet before it reads the first, needs each part as a
/// stream of its own. Small forms never showed it: each part fitted in the CSV reader's first read.
/// </summary>
public sealed class LargeFormTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    [Fact]
    public async Task Two_thousand_people_and_four_thousand_remisi_in_one_form_are_previewed_and_applied()
    {
        var people = Enumerable.Range(1, 2000).Select(n => $"BIG-{n:0000},Orang Besar {n},01/02/1980,{new DateTime(2022, 1, 1).AddDays(n % 300):dd/MM/yyyy},5,0,0,sementara,").ToArray();
        var remisi = Enumerable.Range(1, 2000).SelectMany(n => new[]
        {
            $"BIG-{n:0000},umum,17/08/2024,SK-UMUM-{n:0000},1,0",
            $"BIG-{n:0000},khusus,10/04/2024,SK-KHUSUS-{n:0000},0,15",
        }).ToArray();
        var peopleCsv = RegistryApp.Csv(RegistryApp.PeopleHeader, people);
        var remisiCsv = RegistryApp.Csv(RegistryApp.RemisiHeader, remisi);
        Assert.True(peopleCsv.Length > 64 * 1024 && remisiCsv.Length > 64 * 1024);

        var preview = await (await app.ImportAsync(RegistryApp.Form(peopleCsv, remisiCsv), dryRun: true)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((2000, 4000), (preview.GetProperty("counts").GetProperty("new").GetInt32(), preview.GetProperty("counts").GetProperty("remisiNew").GetInt32()));

        await (await app.ImportAsync(RegistryApp.Form(peopleCsv, remisiCsv), dryRun: false)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(4000, await app.QuerySingleAsync<long>("select count(*) from remission r join inmate i on i.id = r.inmate_id where i.registration_number like 'BIG-%'"));
    }
}
