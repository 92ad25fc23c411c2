using System.Globalization;
using Cases.Domain.Calendar;
using Cases.Domain.Privacy;
using Cases.Workflows.Common;

namespace Cases.Application.Privacy;

/// <summary>
/// An auditor reads the log of views of unmasked personal data (规程 第一百四十条): who saw whose number, when, why
/// and where, newest first, filtered by China dates (both inclusive), user, person (the whole identity number or
/// phone) and city, with keyset paging. The auditor sees every number in it masked, and reading it is not a view.
/// </summary>
public sealed record ListPersonalDataViews(DateOnly? From, DateOnly? To, string? User, string? Subject, string? City, string? After, int? Limit, Actor By)
    : IQuery<PersonalDataViewPage>;

/// <summary>One recorded view as an auditor sees it: the person's number and anything typed in the reason masked.</summary>
public sealed record PersonalDataViewRow(long Id, DateTimeOffset At, string UserName, string City, string SubjectKind, string Subject, string Fields, string Reason, string Route);

public sealed record PersonalDataViewPage(IReadOnlyList<PersonalDataViewRow> Items, string? Next);

public sealed class ListPersonalDataViewsHandler(CasesDb db) : IQueryHandler<ListPersonalDataViews, PersonalDataViewPage>
{
    private const string CursorKind = "personal-data-views";

    public async ValueTask<PersonalDataViewPage> Handle(ListPersonalDataViews query, CancellationToken cancellationToken)
    {
        // The endpoint's policy says so too; the query says it again for any other caller (a page, a job).
        if (!query.By.May(Permission.Audit))
        {
            throw new ForbiddenException(new LocalizedText("只有审计人员可以查阅个人信息查看记录。", "Only auditors read the log of views of personal data."));
        }

        var limit = query.Limit ?? 50;
        if (limit is < 1 or > 200)
        {
            throw new DomainValidationException("limit", new LocalizedText("每页条数须在 1 至 200 之间。", "limit must be between 1 and 200."));
        }

        if (query.From is { } f && query.To is { } t && t < f)
        {
            throw new DomainValidationException("to", new LocalizedText("截止日期不能早于起始日期。", "to must not be before from."));
        }

        var views = db.PersonalDataViews.AsNoTracking();
        if (query.By.CityScope(query.City) is { } city)
        {
            views = views.Where(v => v.CityCode == city);
        }

        if (query.From is { } from)
        {
            var start = ChinaTime.StartOf(from);
            views = views.Where(v => v.At >= start);
        }

        if (query.To is { } to)
        {
            var end = ChinaTime.EndOf(to);
            views = views.Where(v => v.At < end);
        }

        if (UserName(query.User) is { } user)
        {
            views = views.Where(v => v.UserName == user);
        }

        if (Subject(query.Subject) is { } subject)
        {
            views = views.Where(v => v.SubjectKey == subject);
        }

        if (query.After is { Length: > 0 } after)
        {
            var (at, id) = Decode(after);
            views = views.Where(v => v.At < at || (v.At == at && v.Id < id));
        }

        var page = await views.OrderByDescending(v => v.At).ThenByDescending(v => v.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? Encode(page[limit - 1]) : null;
        return new PersonalDataViewPage(page.Take(limit).Select(Row).ToList(), next);
    }

    private static PersonalDataViewRow Row(PersonalDataView v) => new(
        v.Id, v.At, v.UserName, v.CityCode, v.SubjectKind, PersonalDataMask.Subject(v.SubjectKind, v.SubjectKey),
        v.Fields, PersonalDataMask.Text(v.Reason), PersonalDataMask.Text(v.Route));

    // A user name as ASP.NET Core Identity allows them: letters, digits and -._@+, at most 100.
    private static string? UserName(string? user)
    {
        var text = TextInput.Optional(user, "user", "user", 100);
        return text is null || text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '@' or '+')
            ? text
            : throw new DomainValidationException("user", new LocalizedText("用户须为用户名（字母、数字及 - . _ @ +）。", "user must be a user name (letters, digits and - . _ @ +)."));
    }

    // The person: a whole identity number (17 digits and a digit or X), phone number (7 to 15 digits) or bank card
    // number (16 to 19 digits), or an employer's credit code (a refused registration is journaled by it).
    private static string? Subject(string? subject)
    {
        var text = TextInput.Optional(subject, "subject", "subject", 19)?.ToUpperInvariant();
        if (text is null)
        {
            return null;
        }

        var idShaped = text.Length == 18 && text[..17].All(char.IsAsciiDigit) && (char.IsAsciiDigit(text[17]) || text[17] == 'X');
        var digits = text.All(char.IsAsciiDigit) && text.Length is >= 7 and <= 19;
        return idShaped || digits || Domain.Parties.CreditCode.TryParse(text, out _, out _)
            ? text
            : throw new DomainValidationException("subject", new LocalizedText(
                "查询对象须为完整的身份证号码、电话号码、银行卡号或统一社会信用代码：记录按人查询，不能用遮蔽后的号码查询。",
                "subject must be a whole identity number, phone, bank card number or credit code: the log is searched by the person, never by a masked number."));
    }

    private static string Encode(PersonalDataView v) => KeysetCursor.Encode(string.Create(CultureInfo.InvariantCulture, $"{CursorKind}:{v.At.UtcTicks}:{v.Id}"));

    private static (DateTimeOffset At, long Id) Decode(string cursor)
    {
        var parts = KeysetCursor.Decode(cursor, CursorKind, 3);
        try
        {
            return (new DateTimeOffset(long.Parse(parts[1], CultureInfo.InvariantCulture), TimeSpan.Zero), long.Parse(parts[2], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            throw KeysetCursor.Refused(CursorKind);
        }
    }
}
