using Cases.Application.Records;
using Cases.Application.Parties;
using Cases.Application.Persistence;
using Cases.Domain.Privacy;

namespace Cases.Web.Infrastructure;

/// <summary>
/// Every view of unmasked personal data stored in <c>personal_data_views</c> for auditors (规程 第一百四十条), in the
/// request that shows it and before it is shown: when the row cannot be written the query fails and nothing is shown
/// (fail closed). The structured log line follows for log shipping.
/// </summary>
public sealed class RecordedPersonalDataAccess(CasesDb db, IHttpContextAccessor http, LoggedPersonalDataAccess log) : IPersonalDataAccessLog
{
    // What this request has recorded already: the case page reads a case's data, comments, files and notices through
    // their own queries, and a person seen in several of them for one purpose is one view.
    private readonly HashSet<(string Kind, string Key, string Purpose)> _recorded = [];

    public async ValueTask RecordAsync(IReadOnlyList<PersonalDataAccess> views, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(views);
        views = [.. views.Where(v => v.Fields == PersonalDataAccess.RegistrationRefused || _recorded.Add((v.SubjectKind, v.SubjectKey, v.Purpose)))];
        if (views.Count == 0)
        {
            return;
        }

        var route = Route();
        foreach (var access in views)
        {
            db.PersonalDataViews.Add(new PersonalDataView
            {
                At = access.At,
                UserName = access.UserName,
                CityCode = access.SubjectCity,
                SubjectKind = access.SubjectKind,
                SubjectKey = access.SubjectKey,
                Fields = access.Fields,
                Reason = access.Purpose,
                Route = route,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await log.RecordAsync(views, cancellationToken);
    }

    // The endpoint's pattern ("GET /api/workers/{idNumber}"), never the path itself: a path may carry the number.
    private string Route()
    {
        if (http.HttpContext is not { } context)
        {
            return "";
        }

        var pattern = context.GetEndpoint() is RouteEndpoint e ? "/" + (e.RoutePattern.RawText ?? "").TrimStart('/') : PersonalDataMask.Text(context.Request.Path.Value ?? "");
        var route = $"{context.Request.Method} {pattern}";
        return route.Length > 300 ? route[..300] : route;
    }
}
