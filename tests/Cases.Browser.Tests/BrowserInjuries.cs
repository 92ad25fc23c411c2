using System.Globalization;
using Cases.Application.Injuries;

namespace Cases.Browser.Tests;

/// <summary>Injury cases registered for a browser test (王建国 of 济南恒达建材, a demo worker), one per call, as procedures start from them.</summary>
internal static class BrowserInjuries
{
    private static int _next = Random.Shared.Next(0, 500_000);

    public static async Task<string> RegisterAsync(BrowserFixture browser, string worker = "370102198503120011")
    {
        var number = string.Create(CultureInfo.InvariantCulture, $"浏览器测试工认字〔2025〕第{Interlocked.Increment(ref _next):D6}号");
        var registered = await browser.SendAsync(new RegisterInjuryCase(
            "370100", worker, "91370100MA3C4E5F61", new DateOnly(2024, 3, 10), new DateOnly(2024, 4, 20), number, "在车间作业时受伤", BrowserFixture.JinanOfficer));
        return registered.Id.ToString();
    }

    /// <summary>Registers <paramref name="idNumber"/> as a worker of 济南恒达建材, then an injury case of theirs.</summary>
    public static async Task<string> RegisterWithNewWorkerAsync(BrowserFixture browser, string idNumber)
    {
        await browser.SendAsync(new Cases.Application.Parties.RegisterWorker(idNumber, "孙志强", null, "91370100MA3C4E5F61", BrowserFixture.JinanOfficer));
        return await RegisterAsync(browser, idNumber);
    }
}
