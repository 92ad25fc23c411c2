using System.Text.Json.Nodes;
using Cases.Domain.Benefits;
using Cases.Domain.Calendar;
using Cases.Workflows.Instances;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cases.Application.Benefits.Certifications;

/// <summary>What one sweep did: the certifications it found overdue, the benefits it suspended, the contact cases it opened.</summary>
public sealed record CertificationSweepResult(int Overdue, int Suspended, int CasesOpened);

/// <summary>
/// The daily overdue sweep (第六十三条): every certification whose due date has passed and that is not yet marked is marked
/// overdue once; each benefit of the recipient in the city still paid is suspended from the month after today (the
/// recipient keeps the right and is paid the months back on certifying), and a <c>certification-overdue</c> case opens a
/// task for the city's officers to contact the recipient. Chunks of <see cref="ChunkSize"/> rows, each in its own
/// transaction; the overdue mark is the claim (a conditional update of a row not yet marked), so two nodes sweeping at
/// once never suspend twice or open two tasks: each acts only on the rows its own update marked.
/// </summary>
public sealed class CertificationSweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CertificationSweep> log)
{
    /// <summary>The Hangfire recurring job's id.</summary>
    public const string JobId = "certification-overdue-sweep";

    /// <summary>The procedure whose task asks the officers to contact the recipient (workflows/certification-overdue.json).</summary>
    public const string Procedure = "certification-overdue";

    /// <summary>Who the sweep acts as in the benefits' history and the case's journal (shown as 系统).</summary>
    public const string SystemUser = "system.certification-sweep";

    public const int ChunkSize = 1_000;

    public async Task<CertificationSweepResult> RunAsync(CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var (overdue, suspended, opened) = (0, 0, 0);
        Guid? after = null;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CasesDb>();
            var rows = db.Certifications.AsNoTracking().Where(c => c.DueOn < today && c.OverdueSince == null);
            if (after is { } last)
            {
                rows = rows.Where(c => c.Id.CompareTo(last) > 0);
            }

            var chunk = await rows.OrderBy(c => c.Id).Take(ChunkSize).ToListAsync(ct);
            if (chunk.Count == 0)
            {
                break;
            }

            after = chunk[^1].Id;
            var done = await SweepChunkAsync(scope.ServiceProvider, db, chunk, today, ct);
            (overdue, suspended, opened) = (overdue + done.Overdue, suspended + done.Suspended, opened + done.CasesOpened);
            if (chunk.Count < ChunkSize)
            {
                break;
            }
        }

        if (overdue > 0)
        {
            log.LogInformation("Certification sweep of {Today}: {Overdue} overdue, {Suspended} benefits suspended, {Opened} contact cases opened", today, overdue, suspended, opened);
        }

        return new CertificationSweepResult(overdue, suspended, opened);
    }

    private static async Task<CertificationSweepResult> SweepChunkAsync(IServiceProvider services, CasesDb db, List<Certification> chunk, DateOnly today, CancellationToken ct)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var mediator = services.GetRequiredService<IMediator>();
        var (suspended, opened) = (0, 0);
        var claimed = new List<Certification>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // The domain says whether a row is to be marked; the conditional update makes it this sweep's alone.
        foreach (var certification in chunk.Where(c => c.MarkOverdue(today)))
        {
            var id = certification.Id;
            var marked = await db.Certifications.Where(c => c.Id == id && c.OverdueSince == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.OverdueSince, today), ct);
            if (marked == 1)
            {
                claimed.Add(certification);
            }
        }

        var cities = claimed.Select(c => c.CityCode).Distinct().ToList();
        var numbers = claimed.Select(c => c.RecipientIdNumber).Distinct().ToList();
        var benefits = claimed.Count == 0 ? []
            : await db.Entitlements.Where(e => cities.Contains(e.CityCode) && numbers.Contains(e.RecipientIdNumber) && e.Status != EntitlementStatus.Stopped).ToListAsync(ct);
        var nextMonth = CertificationDates.MonthAfter(today);
        foreach (var certification in claimed)
        {
            var own = benefits.Where(e => e.CityCode == certification.CityCode && e.RecipientIdNumber == certification.RecipientIdNumber).ToList();
            if (own.Count == 0)
            {
                // Every benefit of the person has stopped: there is no one to certify any more.
                continue;
            }

            var started = await mediator.Send(new StartCase(Procedure, certification.CityCode, new JsonObject
            {
                ["certificationId"] = certification.Id.ToString(),
                ["recipientIdNumber"] = certification.RecipientIdNumber,
                ["recipientName"] = certification.RecipientName,
                ["dueOn"] = CertificationDates.Iso(certification.DueOn),
                ["suspendedFromMonth"] = CertificationDates.Iso(nextMonth),
            }, Acting(certification.CityCode)), ct);
            opened++;
            foreach (var entitlement in own.Where(e => e.Status == EntitlementStatus.Active))
            {
                // From the month after today, or the benefit's first month if it starts later.
                var from = entitlement.FromMonth > nextMonth ? entitlement.FromMonth : nextMonth;
                entitlement.Suspend(from, SuspensionCause.CertificationOverdue,
                    $"未按期进行领取资格认证（第六十三条）：应于 {CertificationDates.Iso(certification.DueOn)} 前认证，自 {from.ToString("yyyy年M月", System.Globalization.CultureInfo.InvariantCulture)} 起暂停发放，认证后恢复并补发",
                    started.CaseId, SystemUser, now);
                suspended++;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new CertificationSweepResult(claimed.Count, suspended, opened);
    }

    /// <summary>The sweep opens the contact case as the system, an officer of the certification's city.</summary>
    private static Actor Acting(string city) => new(SystemUser, city, new HashSet<string>(StringComparer.Ordinal) { Roles.Officer });
}
