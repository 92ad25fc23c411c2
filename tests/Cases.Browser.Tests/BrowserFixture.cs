using System.Text.Json.Nodes;
using Cases.Application.Casework;
using Cases.Domain.Parties;
using Cases.Domain.Staff;
using Cases.Testing;
using Cases.Workflows.Instances;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>officer.jinan, as the application layer sees them.</summary>
    public static Actor JinanOfficer { get; } = new("officer.jinan", "370100", new HashSet<string> { Roles.Officer });

    private static int _serial = Random.Shared.Next(100_000, 900_000);

    // The same commands the pages send, straight to the application layer: a test's scene, not its subject.
    public async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    public async Task<T> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    /// <summary>Fires every timer due at the app's clock now (breaches raise their escalations), as the sweep would.</summary>
    public async Task RunDueTimersAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Cases.Workflows.Timers.TimerFiring>().RunDueAsync(1000, CancellationToken.None);
    }

    /// <summary>A fee-rate objection of 济南 for a new employer, adjusted on <paramref name="adjustedOn"/>: its notify-employer task is open to officers.</summary>
    public async Task<(Guid CaseId, Guid TaskId)> StartRateCaseAsync(string adjustedOn, decimal newRate = 0.0045m)
    {
        var body = "91370100" + Interlocked.Increment(ref _serial).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        var data = new JsonObject
        {
            ["employerCreditCode"] = body + CreditCode.ComputeCheckCharacter(body),
            ["previousRate"] = 0.005m,
            ["newRate"] = newRate,
            ["effectiveFrom"] = "2025-06",
            ["adjustedOn"] = adjustedOn,
        };
        var started = await SendAsync(new StartCase("fee-rate-objection", "370100", data, JinanOfficer));
        var view = await SendAsync(new GetCase(started.CaseId, JinanOfficer));
        return (started.CaseId, view.OpenTasks.Single().Id);
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
