using System.Net;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Pages;

/// <summary>案件查询 (/cases) and 受理新案件 (/cases/new): the search form and its rows, the start form generated from the definition, refusals, success and a replayed post.</summary>
public sealed class CasesPagesTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    private static KeyValuePair<string, string> V(string key, string value) => new(key, value);

    private static List<KeyValuePair<string, string>> RehabValues(string idNumber, string injuryCaseId) =>
    [
        V("workerIdNumber", idNumber), V("injuryCaseId", injuryCaseId), V("rehabStartsOn", "2025-08-01"), V("rehabEndsOn", "2025-12-31"), V("institution", "山东省工伤康复医院"),
    ];

    private Task<int> CasesAsync() => app.InDbAsync(db => db.Cases.CountAsync());

    [Fact]
    public async Task The_search_finds_a_case_by_its_party_and_links_to_its_workspace_with_labelled_filters()
    {
        var officer = await app.As("officer.jinan");
        var code = TestParties.NewCreditCode();
        var (caseId, _) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17", code);

        var page = await officer.OpenAsync($"/cases?q={code}&procedure=fee-rate-objection");

        Assert.Equal("案件查询", page.QuerySelector("h1").Text());
        var row = Assert.Single(page.QuerySelectorAll("[data-testid=case-row]"));
        var link = row.QuerySelector("a")!;
        Assert.Equal($"/cases/{caseId}", link.GetAttribute("href"));
        Assert.Equal(caseId.ToString("N")[^8..].ToUpperInvariant(), link.Text());
        Assert.Contains("工伤保险费率浮动告知与异议", row.Text(), StringComparison.Ordinal);
        Assert.Equal(code, row.QuerySelector("[data-testid=case-party]").Text());
        Assert.Equal("办理中", row.QuerySelector("[data-testid=case-status]").Text());
        Assert.Contains("济南", row.Text(), StringComparison.Ordinal);
        // The chosen procedure's steps become a filter; every control has its label.
        var filters = page.QuerySelector("[data-testid=case-filters]")!;
        Assert.NotNull(filters.QuerySelector("select[name=state] option[value=notify-employer]"));
        Assert.All(filters.QuerySelectorAll("input, select"), c => Assert.NotNull(page.QuerySelector($"label[for='{c.Id}']")));
        Assert.Equal("/cases/new", page.QuerySelector("[data-testid=open-case]")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("[data-testid=nav-cases]"));

        var none = await officer.OpenAsync("/cases?q=没有这个单位");
        Assert.Empty(none.QuerySelectorAll("[data-testid=case-row]"));
        Assert.Equal("没有符合条件的案件。", none.QuerySelector("[data-testid=no-cases]").Text());
    }

    [Fact]
    public async Task Another_citys_cases_are_forbidden_a_bad_date_is_named_and_a_reviewer_may_search_but_not_open()
    {
        var officer = await app.As("officer.jinan");
        var (status, forbidden) = await officer.PageAsync("/cases?city=370200");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("370100", forbidden.QuerySelector("[data-testid=search-problem]").Text(), StringComparison.Ordinal);

        var (badStatus, bad) = await officer.PageAsync("/cases?openedFrom=2025-02-30");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("openedFrom", bad.QuerySelector("[data-testid=search-problem]").Text(), StringComparison.Ordinal);
        Assert.Contains("is-invalid", bad.QuerySelector("#search-from")!.ClassName, StringComparison.Ordinal);

        var reviewer = await app.As("reviewer.jinan");
        var page = await reviewer.OpenAsync("/cases");
        Assert.Null(page.QuerySelector("[data-testid=open-case]"));
        using var newPage = await reviewer.GetAsync(new Uri("/cases/new", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, newPage.StatusCode);
    }

    [Fact]
    public async Task The_procedures_are_listed_with_their_articles_and_the_demo_last()
    {
        var officer = await app.As("officer.jinan");
        var page = await officer.OpenAsync("/cases/new");

        var items = page.QuerySelectorAll("[data-testid^=procedure-]").Select(i => i.GetAttribute("data-testid")).ToList();
        // The six procedures, the four registrations (employer registration, change, deregistration; project registration), the
        // four benefit procedures (disability, death, medical reimbursement, medical subsidy), the demo; certify: the overdue
        // certification's contact case (opened by the daily sweep); datamatch: the benefit investigation (第六十四条), which a data match opens and an officer may open too.
        Assert.Equal(17, items.Count);
        Assert.Equal("procedure-demo-filing", items[^1]);
        var rehab = page.QuerySelector("[data-testid=procedure-rehab-extension]")!;
        Assert.Contains("延长工伤康复期申请", rehab.Text(), StringComparison.Ordinal);
        Assert.Contains("第四十九条", rehab.Text(), StringComparison.Ordinal);
        Assert.Contains("演示", page.QuerySelector("[data-testid=procedure-demo-filing]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_is_generated_from_the_start_fields_objects_and_the_materials_checklist()
    {
        var officer = await app.As("officer.jinan");
        var page = await officer.OpenAsync("/cases/new?procedure=transfer-approval");

        var form = page.QuerySelector("[data-testid=new-case-form]")!;
        Assert.Equal("date", form.QuerySelector("input[name=appliedOn]")!.GetAttribute("type"));
        Assert.Equal("true", form.QuerySelector("input[name=appliedOn]")!.GetAttribute("aria-required"));
        Assert.Equal("date", form.QuerySelector("input[name='referral.issuedOn']")!.GetAttribute("type"));
        Assert.NotNull(form.QuerySelector("input[name='referral.hospital']"));
        // A member chosen from a list is a list here too: the destination, another city or outside Shandong (第三十八条).
        Assert.Equal("青岛市", form.QuerySelector("select[name='referral.destinationCityCode'] option[value='370200']")!.Text());
        Assert.NotNull(form.QuerySelector("select[name='referral.destinationCityCode'] option[value=outside-shandong]"));
        Assert.NotEmpty(form.QuerySelectorAll("input[type=checkbox][name=materialsReceived]"));
        Assert.Equal("济南市", form.QuerySelector("[data-testid=own-city]").Text());
        Assert.NotNull(form.QuerySelector("input[name=formKey]"));
        Assert.All(form.QuerySelectorAll("input:not([type=hidden]), select, textarea"), c => Assert.NotNull(page.QuerySelector($"label[for='{c.Id}']")));

        // An enum becomes a list to choose from.
        var advance = await officer.OpenAsync("/cases/new?procedure=advance-payment");
        Assert.NotNull(advance.QuerySelector("select[name=variant] option[value=employer-refuses]"));
        Assert.NotNull(advance.QuerySelector("input[name='liableParty.name']"));
    }

    [Fact]
    public async Task A_refused_post_shows_the_message_at_the_field_keeps_every_value_and_opens_nothing()
    {
        var officer = await app.As("officer.jinan");
        var page = await officer.OpenAsync("/cases/new?procedure=rehab-extension");
        var before = await CasesAsync();
        var wrong = TestParties.WithWrongCheck(TestParties.NewIdNumber());

        var response = await officer.SubmitAsync(page, "[data-testid=new-case-form]", RehabValues(wrong, await TestInjuries.RegisterAsync(officer)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refused = await PageSupport.ParseAsync(response);
        Assert.Contains("「工伤职工身份号码」", refused.QuerySelector("[data-testid=error-workerIdNumber]").Text(), StringComparison.Ordinal);
        Assert.Equal(wrong, refused.QuerySelector("input[name=workerIdNumber]")!.GetAttribute("value"));
        Assert.Equal("山东省工伤康复医院", refused.QuerySelector("input[name=institution]")!.GetAttribute("value"));
        Assert.Equal("2025-12-31", refused.QuerySelector("input[name=rehabEndsOn]")!.GetAttribute("value"));
        Assert.Equal(page.QuerySelector("input[name=formKey]")!.GetAttribute("value"), refused.QuerySelector("input[name=formKey]")!.GetAttribute("value"));
        Assert.Equal(before, await CasesAsync());

        // Missing fields are named: the injury case, which the worker and the period are filled from (not asked for themselves).
        var empty = await PageSupport.ParseAsync(await officer.SubmitAsync(page, "[data-testid=new-case-form]", [V("institution", "山东省工伤康复医院")]));
        Assert.Contains("必须填写", empty.QuerySelector("[data-testid=error-injuryCaseId]").Text(), StringComparison.Ordinal);
        Assert.Null(empty.QuerySelector("[data-testid=error-workerIdNumber]"));
        Assert.Null(empty.QuerySelector("[data-testid=error-rehabEndsOn]"));
        Assert.Equal(before, await CasesAsync());
    }

    [Fact]
    public async Task A_good_post_opens_the_case_and_lands_on_its_workspace_and_the_same_form_again_opens_no_second_case()
    {
        var officer = await app.As("officer.jinan");
        var page = await officer.OpenAsync("/cases/new?procedure=rehab-extension");
        var before = await CasesAsync();
        var idNumber = TestParties.NewIdNumber();
        var values = RehabValues(idNumber, await TestInjuries.RegisterWithNewWorkerAsync(officer, idNumber));

        var opened = await officer.SubmitAsync(page, "[data-testid=new-case-form]", values);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var location = opened.Headers.Location!.OriginalString;
        Assert.Matches("^/cases/[0-9a-f-]{36}$", location);
        var workspace = await officer.OpenAsync(location);
        Assert.Contains("已受理「延长工伤康复期申请」", workspace.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await CasesAsync());

        // Back and submit again (or a double click): the same case, nothing new.
        var again = await officer.SubmitAsync(page, "[data-testid=new-case-form]", values);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(location, again.Headers.Location!.OriginalString);
        var shown = await officer.OpenAsync(location);
        Assert.Contains("未重复立案", shown.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await CasesAsync());
    }

    [Fact]
    public async Task Provincial_staff_choose_the_city_and_city_staff_cannot_open_a_case_in_another()
    {
        var province = await app.As("supervisor.province");
        var page = await province.OpenAsync("/cases/new?procedure=demo-filing");
        Assert.Equal(16, page.QuerySelectorAll("select[name=city] option[value]").Count(o => o.GetAttribute("value")!.Length > 0));
        var before = await CasesAsync();

        var noCity = await province.SubmitAsync(page, "[data-testid=new-case-form]", [V("contractEndsOn", "2026-06-30")]);
        Assert.Equal(HttpStatusCode.BadRequest, noCity.StatusCode);
        Assert.Equal("请选择受理的城市。", (await PageSupport.ParseAsync(noCity)).QuerySelector("[data-testid=error-city]").Text());

        var qingdao = await province.SubmitAsync(page, "[data-testid=new-case-form]", [V("contractEndsOn", "2026-06-30"), V("city", "370200")]);
        Assert.Equal(HttpStatusCode.Redirect, qingdao.StatusCode);
        var caseId = Guid.Parse(qingdao.Headers.Location!.OriginalString["/cases/".Length..]);
        Assert.Equal("370200", await app.InDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.CityCode).SingleAsync()));

        var officer = await app.As("officer.jinan");
        var own = await officer.OpenAsync("/cases/new?procedure=demo-filing");
        var elsewhere = await officer.SubmitAsync(own, "[data-testid=new-case-form]", [V("contractEndsOn", "2026-06-30"), V("city", "370200")]);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Contains("370200", (await PageSupport.ParseAsync(elsewhere)).QuerySelector("[data-testid=error-city]").Text(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await CasesAsync());
    }
}
