using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ledger.Api.Tests.Infrastructure;

/// <summary>
/// The API's process with its staff pages on a real Kestrel port over its own database, and Debian's Chromium
/// (test.sh installs it) driven by Playwright: the pages are tested as an officer uses them. One per test class.
/// </summary>
public class PagesApp : LedgerApp, IAsyncLifetime
{
    private IPlaywright? _playwright;

    public PagesApp()
    {
        UseKestrel(0);
    }

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the pages are served, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = "";

    public new async Task InitializeAsync()
    {
        // The database first: the server reads its connection string when it starts (seeding starts it).
        await base.InitializeAsync();
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        _playwright = await Playwright.CreateAsync();
        // Never a browser download; the flags keep it off the network.
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public new async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A fresh browser tab (its own cookies) at 1366×768, the office PC's screen, with the page's console errors collected.</summary>
    public async Task<(IPage Page, List<string> Problems)> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 }, BaseURL = BaseUrl });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        return (page, problems);
    }

    /// <summary>Signs in on the demo sign-in page as the demo user <paramref name="sub"/> and returns the tab.</summary>
    public async Task<(IPage Page, List<string> Problems)> SignInAsync(string sub, string? returnTo = null)
    {
        var (page, problems) = await NewPageAsync();
        await page.GotoAsync(returnTo ?? "/");
        await page.Locator($"form:has(input[name=user][value='{sub}']) button").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/masuk", StringComparison.Ordinal));
        return (page, problems);
    }
}
