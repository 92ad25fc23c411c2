using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>The definition designer in Chromium: the editor's messages as you type, publishing, the diagram, the dry run.</summary>
public class DesignerPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_designer_types_an_invalid_change_sees_its_path_and_rule_fixes_it_publishes_and_opens_the_diagram()
    {
        var page = await browser.SignedInAsync("designer");
        var violations = BrowserFixture.CollectCspViolations(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "流程设计" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/designer", StringComparison.Ordinal));
        await page.Locator("[data-key=fee-rate-objection]").GetByRole(AriaRole.Link, new() { Name = "编辑" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/designer/fee-rate-objection/edit", StringComparison.Ordinal));

        var editor = page.GetByLabel("流程定义（JSON）");
        var original = await editor.InputValueAsync();
        var json = JsonNode.Parse(original)!;

        // A typo in a transition's target: the validator names the path and the rule while the designer types.
        json["states"]!["notify-employer"]!["outcomes"]!["notified"]!["to"] = "objection-windw";
        await editor.FillAsync(json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        var error = page.GetByTestId("validation-error").First;
        await error.WaitForAsync();
        var message = await error.InnerTextAsync();
        Assert.Contains("$.states.notify-employer.outcomes.notified.to", message, StringComparison.Ordinal);
        Assert.Contains("unknown-target", message, StringComparison.Ordinal);
        Assert.Equal("true", await editor.GetAttributeAsync("aria-invalid"));
        Assert.True(int.Parse((await page.Locator("#json-gutter").GetAttributeAsync("data-lines"))!, System.Globalization.CultureInfo.InvariantCulture) > 100);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "designer-editor.png"), FullPage = false });

        // Fixed, with a real change: the objection window counts 12 working days.
        json["states"]!["notify-employer"]!["outcomes"]!["notified"]!["to"] = "objection-window";
        json["states"]!["objection-window"]!["set"]!["objectionDeadline"]!["workingDays"] = 12;
        await editor.FillAsync(json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        await page.GetByTestId("validation").GetByText("校验通过").WaitForAsync();
        Assert.Equal(0, await page.GetByTestId("validation-error").CountAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "发布为第 3 版" }).ClickAsync();
        // Publishing asks first, saying what will happen; only the confirmation publishes.
        Assert.Contains("第 3 版即成为新立案件使用的版本", await page.GetByTestId("publish-confirm-what").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "确认发布第 3 版" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/designer/fee-rate-objection?version=3", StringComparison.Ordinal));
        Assert.Contains("已发布", await page.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);

        // The diagram of version 3 (the shipped version is 2): every state drawn, the new clock in the table beside it.
        var diagram = page.GetByTestId("diagram");
        await diagram.WaitForAsync();
        Assert.Equal(await page.GetByTestId("state-row").CountAsync(), await diagram.Locator("g.diagram-node").CountAsync());
        Assert.True((await diagram.BoundingBoxAsync())!.Width <= 1280);
        Assert.Contains("12个工作日", await page.Locator("[data-testid=state-row][data-state=objection-window]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "designer.png"), FullPage = true });

        // The diff of versions 2 and 3, labelled in words as well as colours.
        await page.GetByRole(AriaRole.Link, new() { Name = "版本对比" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/diff", StringComparison.Ordinal));
        var changedClock = page.Locator("[data-testid=diff-clocks] [data-change=changed]");
        Assert.Contains("修改", await changedClock.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("「单位收到告知日期」后12个工作日", await changedClock.InnerTextAsync(), StringComparison.Ordinal);

        // The dry run of version 3 with the page's own sample: the case opens and a month passes.
        await page.GetByRole(AriaRole.Link, new() { Name = "试运行" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/dry-run", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "试运行" }).ClickAsync();
        await page.GetByTestId("dry-run-result").WaitForAsync();
        Assert.Contains("notify-employer", await page.GetByTestId("dry-run-path").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("第二十二条", await page.GetByTestId("dry-run-tasks").InnerTextAsync(), StringComparison.Ordinal);

        // A case opened after the publication runs on version 3.
        var officer = await browser.SignedInAsync("officer.jinan");
        var opened = await officer.APIRequest.PostAsync("/api/cases", new()
        {
            DataObject = new { procedure = "fee-rate-objection", city = "370100", data = new { employerCreditCode = "91370100MA3C4E5F61", previousRate = 0.005m, newRate = 0.0045m, effectiveFrom = "2025-07", adjustedOn = "2025-09-26" } },
        });
        Assert.Equal(201, opened.Status);
        Assert.Equal(3, (await opened.JsonAsync())!.Value.GetProperty("definitionVersion").GetInt32());

        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_supervisor_previews_then_applies_the_migration_of_a_running_case_from_the_page()
    {
        // A demo-filing case opened on version 1, and a version 2 published after it.
        var officer = await browser.SignedInAsync("officer.jinan");
        var started = await officer.APIRequest.PostAsync("/api/cases", new() { DataObject = new { procedure = "demo-filing", city = "370100", data = new { contractEndsOn = "2026-06-30" } } });
        Assert.Equal(201, started.Status);
        var caseId = (await started.JsonAsync())!.Value.GetProperty("caseId").GetString();
        var designer = await browser.SignedInAsync("designer");
        var v1 = await (await designer.APIRequest.GetAsync("/api/definitions/demo-filing/versions/1")).TextAsync();
        var published = await designer.APIRequest.PostAsync("/api/definitions/demo-filing/versions", new() { Data = v1, Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" } });
        Assert.Equal(201, published.Status);

        var page = await browser.SignedInAsync("supervisor.jinan");
        var violations = BrowserFixture.CollectCspViolations(page);
        await page.GotoAsync("/designer/demo-filing/migrate");
        await page.Locator($"tr[data-case-id='{caseId}']").GetByRole(AriaRole.Link, new() { Name = "选择" }).ClickAsync();
        Assert.Equal("await-filing=await-filing", await page.GetByLabel("环节对应（每行：原环节=新环节）").InputValueAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "预演（不改变案件）" }).ClickAsync();
        await page.Locator("[data-testid=migration-plan][data-dry-run=true]").WaitForAsync();
        Assert.Contains("第九条", await page.GetByTestId("timers-armed").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "执行迁移" }).ClickAsync();
        await page.Locator("[data-testid=migration-plan][data-dry-run=false]").WaitForAsync();
        Assert.Equal(0, await page.Locator($"[data-testid=running-cases] tr[data-case-id='{caseId}']").CountAsync());
        Assert.Empty(violations);
    }
}
