namespace Cases.Application.Records;

/// <summary>An inbox filter a user saved, optionally shared with everyone of a role in a city.</summary>
public sealed class SavedFilter
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Owner { get; set; } = "";

    /// <summary>When set, everyone of this role (in <see cref="CityCode"/>) sees the filter too.</summary>
    public string? SharedWithRole { get; set; }

    public string? CityCode { get; set; }

    /// <summary>The query string of the inbox (procedure, SLA state, due within, sort), as saved.</summary>
    public string Query { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
