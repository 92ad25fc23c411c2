using Cases.Domain.Benefits;
using Cases.Domain.Parties;

namespace Cases.Web.Tests.Security;

/// <summary>Payroll: runs of a city written straight to the database, and months no run of the fixture has taken.</summary>
public partial class SecurityApp
{
    private static int payrollMonths;

    /// <summary>
    /// A month no request of the fixture has asked for, each later than the one before: a city's month is computed once
    /// and never before a later one, so every row that computes one names its own.
    /// </summary>
    public static string NextPayrollMonth() =>
        new DateOnly(2001, 1, 1).AddMonths(Interlocked.Increment(ref payrollMonths)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A computed run of the city, by nobody who calls (so every supervisor may approve it), in a month before every requested one.</summary>
    public Task<Guid> NewPayrollRunAsync(string city) => InDbAsync(async db =>
    {
        var month = new DateOnly(1990, 1, 1).AddMonths(Interlocked.Increment(ref payrollMonths));
        var run = PayrollRun.Start(Guid.CreateVersion7(), City.Parse(city), month, Factory.Clock.GetUtcNow(), BatchAssembler);
        db.PayrollRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    });
}
