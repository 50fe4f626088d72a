using Xunit;

namespace Ledger.Api.Tests.Pages;

/// <summary>
/// Saves every page of <see cref="EveryPage"/> at 1366×768 to docs/screens/&lt;name&gt;.png (scripts/screens.sh runs
/// it with LEDGER_SCREENS=1; test.sh leaves the trait out, so it never rewrites the pictures during a test run).
/// </summary>
[Trait("Category", "Screens")]
public sealed class Screens(EveryPage.App app) : IClassFixture<EveryPage.App>
{
    [Fact]
    public async Task Every_page_is_saved_as_a_screenshot()
    {
        if (Environment.GetEnvironmentVariable("LEDGER_SCREENS") != "1")
        {
            return; // a plain `dotnet test` of the project must not rewrite docs/screens
        }
        var folder = Path.Combine(Repository.Root, "docs", "screens");
        Directory.CreateDirectory(folder);
        foreach (var address in EveryPage.All)
        {
            var (page, _, _) = await app.OpenAsync(address);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, address.Name + ".png") });
            await page.Context.CloseAsync();
        }
    }
}
