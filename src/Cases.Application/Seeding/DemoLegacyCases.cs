using Microsoft.Extensions.DependencyInjection;

namespace Cases.Application.Seeding;

/// <summary>
/// Development only (docs/adr/0017): transfer cases opened before the injury-case register, on version 2, with the injury
/// case typed as officers typed it — two demo decisions' numbers with the brackets and widths they were typed with (the
/// supervisor's 「自动关联」 links them), an old file number and a note that name no registered injury case (an officer
/// links them by hand), and one in Qingdao — so that 「待关联案件」 is not empty on the first run.
/// </summary>
public static class DemoLegacyCases
{
    private static readonly Actor JinanOfficer = new("officer.jinan", "370100", new HashSet<string> { Roles.Officer });
    private static readonly Actor QingdaoOfficer = new("officer.qingdao", "370200", new HashSet<string> { Roles.Officer });

    public static async Task RunAsync(IServiceProvider services, DateOnly today)
    {
        string third, fourth;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CasesDb>();
            async Task<string> NumberOf(int demo)
            {
                var id = Guid.Parse(DemoInjuries.Id(demo));
                return await db.InjuryCases.Where(i => i.Id == id).Select(i => i.RecognitionNumber!).SingleAsync();
            }

            (third, fourth) = (await NumberOf(3), await NumberOf(4));
        }

        const string wang = "370102198503120011", li = "370105197811020041", hengda = "91370100MA3C4E5F61";
        // As typed: square brackets for 〔〕; full-width brackets and a stray space.
        await LegacyCases.OpenAsync(services, JinanOfficer, third.Replace('〔', '[').Replace('〕', ']'), wang, hengda, today.AddDays(-3));
        await LegacyCases.OpenAsync(services, JinanOfficer, " " + fourth.Replace('〔', '（').Replace('〕', '）'), li, hengda, today.AddDays(-2));
        await LegacyCases.OpenAsync(services, JinanOfficer, "济工伤2024-0457", wang, hengda, today.AddDays(-2));
        await LegacyCases.OpenAsync(services, JinanOfficer, "见纸质档案", li, hengda, today.AddDays(-1));
        await LegacyCases.OpenAsync(services, QingdaoOfficer, "青工伤2024-0088", "37020319880420005X", "91370200MA3D7K8P21", today.AddDays(-1));
    }
}
