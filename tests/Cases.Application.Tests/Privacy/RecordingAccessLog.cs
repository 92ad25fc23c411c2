using Cases.Application.Parties;

namespace Cases.Application.Tests.Privacy;

/// <summary>The personal-data access log as a list, for use cases tested without the web app's table.</summary>
public sealed class RecordingAccessLog : IPersonalDataAccessLog
{
    public List<PersonalDataAccess> Views { get; } = [];

    public ValueTask RecordAsync(IReadOnlyList<PersonalDataAccess> views, CancellationToken cancellationToken)
    {
        Views.AddRange(views);
        return ValueTask.CompletedTask;
    }
}
