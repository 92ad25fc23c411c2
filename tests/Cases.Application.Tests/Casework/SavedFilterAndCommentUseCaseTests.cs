using Cases.Application.Casework;
using Cases.Application.Inbox;
using Cases.Domain;
using Cases.Domain.Staff;
using Cases.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Cases.Application.Tests.Casework;

/// <summary>The saved-filter and comment use cases against a real (SQLite) database.</summary>
public sealed class SavedFilterAndCommentUseCaseTests
{
    private static readonly Actor Officer = new("officer.jinan", "370100", new HashSet<string> { Roles.Officer });
    private static readonly Actor Colleague = new("officer2.jinan", "370100", new HashSet<string> { Roles.Officer });
    private static readonly Actor QingdaoOfficer = new("officer.qingdao", "370200", new HashSet<string> { Roles.Officer });
    private static readonly Actor ProvincialOfficer = new("officer.province", null, new HashSet<string> { Roles.Officer });

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 10, 20, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_user_keeps_at_most_fifty_filters_but_may_still_replace_one_by_its_name()
    {
        var test = await TestDb.CreateAsync(TestProvider.Sqlite);
        await using var db = test.Open();
        var filters = new SavedFilterHandlers(db, _clock);
        for (var i = 0; i < SavedFilterHandlers.MaxPerUser; i++)
        {
            await filters.Handle(new SaveFilter($"筛选 {i}", null, null, i, null, null, Officer), CancellationToken.None);
        }

        await Assert.ThrowsAsync<DomainRuleException>(async () => await filters.Handle(new SaveFilter("第五十一个", null, null, null, null, null, Officer), CancellationToken.None));
        var replaced = await filters.Handle(new SaveFilter("筛选 7", null, "breached", null, "age", null, Officer), CancellationToken.None);

        Assert.Equal("sla=breached&sort=age", replaced.Query);
        Assert.Equal(SavedFilterHandlers.MaxPerUser, (await filters.Handle(new ListFilters(Officer), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Own_filters_come_first_then_those_shared_with_my_role_in_my_city_or_the_whole_province()
    {
        var test = await TestDb.CreateAsync(TestProvider.Sqlite);
        await using var db = test.Open();
        var filters = new SavedFilterHandlers(db, _clock);
        await filters.Handle(new SaveFilter("济南共享", null, "warning", null, null, Roles.Officer, Colleague), CancellationToken.None);
        await filters.Handle(new SaveFilter("青岛共享", null, "warning", null, null, Roles.Officer, QingdaoOfficer), CancellationToken.None);
        await filters.Handle(new SaveFilter("全省共享", null, "breached", null, null, Roles.Officer, ProvincialOfficer), CancellationToken.None);
        await filters.Handle(new SaveFilter("给复核", null, null, null, null, Roles.Reviewer, Colleague), CancellationToken.None);
        await filters.Handle(new SaveFilter("私有", null, null, null, null, null, Colleague), CancellationToken.None);
        await filters.Handle(new SaveFilter("我的", null, null, 3, "priority", null, Officer), CancellationToken.None);

        var list = await filters.Handle(new ListFilters(Officer), CancellationToken.None);

        Assert.Equal(["我的", "全省共享", "济南共享"], list.Select(f => f.Name));
        Assert.Equal(new InboxFilter(null, null, 3, "priority"), list[0].Filter);
        // Provincial staff are in no city: a city's shares are not theirs.
        Assert.Equal(["全省共享"], (await filters.Handle(new ListFilters(ProvincialOfficer), CancellationToken.None)).Select(f => f.Name));
    }

    [Fact]
    public void A_stored_query_edited_by_hand_is_read_back_without_the_values_that_no_longer_check()
    {
        Assert.Equal(new InboxFilter("demo-filing", null, null, "due"), InboxFilter.FromQuery("procedure=demo-filing&sla=late&within=9999&sort=name&x=1"));
        Assert.Equal("procedure=a%26b&within=0&sort=due", new InboxFilter("a&b", null, 0, "due").ToQuery());
        Assert.Equal(new InboxFilter("a&b", null, 0, "due"), InboxFilter.FromQuery("procedure=a%26b&within=0&sort=due"));
    }

    [Fact]
    public async Task Comments_of_another_citys_case_are_not_found_and_those_of_mine_come_newest_first()
    {
        var test = await TestDb.CreateAsync(TestProvider.Sqlite);
        var caseId = await AttachmentUseCaseTests.NewCaseAsync(test);
        await using var db = test.Open();
        var comments = new CaseCommentHandlers(db, _clock, new Privacy.RecordingAccessLog());

        await comments.Handle(new AddComment(caseId, "第一条", Officer), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await comments.Handle(new AddComment(caseId, "第二条\r\n换行", Colleague), CancellationToken.None);

        Assert.Equal(["第二条\n换行", "第一条"], (await comments.Handle(new ListComments(caseId, Officer), CancellationToken.None)).Select(c => c.Text));
        await Assert.ThrowsAsync<NotFoundException>(async () => await comments.Handle(new AddComment(caseId, "越权", QingdaoOfficer), CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(async () => await comments.Handle(new ListComments(caseId, QingdaoOfficer), CancellationToken.None));
    }
}
