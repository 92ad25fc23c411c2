using System.Text.Json.Nodes;
using Cases.Workflows.Instances;
using Cases.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Application.Seeding;

/// <summary>
/// Unlinked cases (docs/adr/0017): cases as a release before the injury-case register left them — opened on version 2 of
/// transfer-approval, whose <c>injuryCaseId</c> was free text. Used by the demo (Development only) and the tests, never
/// by a running office. Version 2 is stored (as released) when the database lacks it; the case is opened through the
/// officers' own command while the later versions are held back for that one start, then put back as they were.
/// </summary>
public static class LegacyCases
{
    /// <summary>The procedure and version the legacy cases run on.</summary>
    public const string Procedure = "transfer-approval";

    public const int Version = 2;

    // One legacy start at a time: two would each hold the later versions back and one would put them back under the other.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Opens a legacy transfer-approval case in the officer's city with <paramref name="injuryCaseText"/> as typed.</summary>
    public static async Task<Guid> OpenAsync(IServiceProvider services, Actor officer, string injuryCaseText, string workerIdNumber, string employerCreditCode, DateOnly appliedOn)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(officer);
        var day = appliedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var data = new JsonObject
        {
            ["injuryCaseId"] = injuryCaseText,
            ["workerIdNumber"] = workerIdNumber,
            ["employerCreditCode"] = employerCreditCode,
            ["appliedOn"] = day,
            ["referral"] = new JsonObject
            {
                ["hospital"] = "济南市第四人民医院", ["issuedOn"] = day, ["destinationHospital"] = "北京积水潭医院", ["destinationCityCode"] = "outside-shandong",
                ["destinationProvince"] = "北京市", ["destinationCity"] = "北京市", ["reason"] = "需行二期骨科手术",
            },
        };

        await OneAtATime.WaitAsync();
        try
        {
            return await StartAsync(services, officer, data);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private static async Task<Guid> StartAsync(IServiceProvider services, Actor officer, JsonObject data)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CasesDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        if (!await db.Definitions.AnyAsync(d => d.Key == Procedure && d.Version == Version))
        {
            using var stream = typeof(LegacyCases).Assembly.GetManifestResourceStream($"Seeding.Version2.{Procedure}.json")
                ?? throw new InvalidOperationException($"Version {Version} of {Procedure} is not embedded.");
            using var reader = new StreamReader(stream);
            var json = await reader.ReadToEndAsync();
            var definition = DefinitionStore.Parse(json);
            db.Definitions.Add(new Cases.Workflows.Records.StoredDefinition
            {
                Key = definition.Key, Version = definition.Version, TitleZh = definition.Title.Zh, TitleEn = definition.Title.En, Json = json,
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))),
                PublishedAt = clock.GetUtcNow(), PublishedBy = "release-2", Status = Cases.Workflows.Records.PublicationStatus.Approved,
            });
        }

        var later = await db.Definitions.Where(d => d.Key == Procedure && d.Version > Version && d.Status == Cases.Workflows.Records.PublicationStatus.Approved).ToListAsync();
        later.ForEach(d => d.Status = Cases.Workflows.Records.PublicationStatus.Pending);
        await db.SaveChangesAsync();
        try
        {
            // Its own unit of work: a refused start leaves nothing behind for the restoring save below.
            await using var start = services.CreateAsyncScope();
            return (await start.ServiceProvider.GetRequiredService<IMediator>().Send(new StartCase(Procedure, officer.CityCode, data, officer))).CaseId;
        }
        finally
        {
            later.ForEach(d => d.Status = Cases.Workflows.Records.PublicationStatus.Approved);
            await db.SaveChangesAsync();
        }
    }
}
