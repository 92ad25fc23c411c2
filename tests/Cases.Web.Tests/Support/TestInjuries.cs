using System.Globalization;
using System.Net;

namespace Cases.Web.Tests.Support;

/// <summary>
/// Injury cases registered through the API for a test, as the recognition department's decision reaches an officer:
/// the demo's registered workers (王建国 and 李秀英 of 济南恒达建材, 赵海涛 of 青岛海湾机械), one new case per call, so
/// a procedure allowed once per injury case (第四十九条) starts afresh in every test.
/// </summary>
internal static class TestInjuries
{
    public const string Wang = "370102198503120011";
    public const string Li = "370105197811020041";
    public const string Zhao = "37020319880420005X";
    public const string Hengda = "91370100MA3C4E5F61";
    public const string Haiwan = "91370200MA3D7K8P21";

    private static int _next = Random.Shared.Next(0, 500_000);

    /// <summary>Registers an injury case of <paramref name="worker"/> and returns its id (the value procedures take as injuryCaseId).</summary>
    public static async Task<string> RegisterAsync(
        HttpClient officer, string worker = Wang, string injuredOn = "2024-03-10", string recognizedOn = "2024-04-20", string? rehabStartsOn = null, string? rehabEndsOn = null,
        string? recognitionNumber = null)
    {
        var (city, employer) = worker == Zhao ? ("370200", Haiwan) : ("370100", Hengda);
        var number = recognitionNumber ?? string.Create(CultureInfo.InvariantCulture, $"测试人社工认字〔2025〕第{Interlocked.Increment(ref _next):D6}号");
        var registered = await (await officer.PostJsonAsync("/api/injury-cases", new
        {
            city, workerIdNumber = worker, employerCreditCode = employer, injuredOn, recognizedOn, recognitionNumber = number, description = "在车间作业时受伤",
        })).JsonAsync(HttpStatusCode.Created);
        var id = registered.GetProperty("id").GetString()!;
        if (rehabStartsOn is not null)
        {
            await (await officer.PostJsonAsync($"/api/injury-cases/{id}/rehabilitation", new { startsOn = rehabStartsOn, endsOn = rehabEndsOn })).JsonAsync(HttpStatusCode.OK);
        }

        return id;
    }

    /// <summary>Registers <paramref name="idNumber"/> as a worker of 济南恒达建材 and an injury case of theirs; returns the injury case's id.</summary>
    public static async Task<string> RegisterWithNewWorkerAsync(HttpClient officer, string idNumber, string name = "孙志强")
    {
        await (await officer.PostJsonAsync("/api/workers", new { idNumber, name, employerCreditCode = Hengda })).JsonAsync(HttpStatusCode.Created);
        return await RegisterAsync(officer, idNumber);
    }
}
