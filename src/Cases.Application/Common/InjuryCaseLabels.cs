namespace Cases.Application.Common;

/// <summary>
/// How lists name an injury case a ledger or a case holds by its id: the worker and the recognition decision's number
/// (济人社工认字〔2025〕第0001号（王建国）), as officers know it. A value that is no registered injury case (one written
/// before cases were tied to the register) is shown as it was written.
/// </summary>
public static class InjuryCaseLabels
{
    public static async Task<IReadOnlyDictionary<string, string>> OfAsync(CasesDb db, IEnumerable<string> values, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var distinct = values.Distinct(StringComparer.Ordinal).ToList();
        var ids = distinct.Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var found = ids.Count == 0 ? [] : await (
                from i in db.InjuryCases.AsNoTracking()
                where ids.Contains(i.Id)
                join w in db.Workers.AsNoTracking() on i.WorkerId equals w.Id
                select new { i.Id, w.Name, i.RecognitionNumber })
            .ToListAsync(ct);
        var labels = found.ToDictionary(f => f.Id, f => f.RecognitionNumber is null ? f.Name : $"{f.RecognitionNumber}（{f.Name}）");
        return distinct.ToDictionary(v => v, v => Guid.TryParse(v, out var id) && labels.TryGetValue(id, out var label) ? label : v, StringComparer.Ordinal);
    }
}
