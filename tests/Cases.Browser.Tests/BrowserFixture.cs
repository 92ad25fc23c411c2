using Cases.Testing;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>
/// The real app on a real 127.0.0.1 port (Kestrel) and Debian's headless Chromium driven by Playwright.
/// Playwright never downloads a browser here: it is pointed at /usr/bin/chromium (scripts/test.sh installs it).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public CasesAppFactory App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotFolder
    {
        get
        {
            var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing. Run ./scripts/test.sh, which installs Debian's chromium package.");
        }

        App = await CasesAppFactory.CreateAsync(TestProvider.Sqlite, kestrel: true);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.ServerAddress.ToString(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>A new page signed in through the login form as a demo user.</summary>
    public async Task<IPage> SignedInAsync(string userName = "officer.jinan")
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(CasesAppFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Collects the page's Content-Security-Policy violations as the console reports them.</summary>
    public static List<string> CollectCspViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        return violations;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WorkInjuryCases.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("WorkInjuryCases.sln not found above the test output.");
    }
}
