using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cases.Workflows.Persistence;

/// <summary>
/// The runtime's part of a model: its tables (the configurations of this assembly) and the conventions they are
/// written for. The host's <c>DbContext</c> applies both beside its own; the dry run's throwaway database applies them alone.
/// </summary>
public static class WorkflowModel
{
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(WorkflowModel).Assembly);
    }

    public static void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Enums are stored by name so that reordering an enum never changes stored meaning.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        // Money: 18 digits with 2 decimals (fen) everywhere; rates get their own precision where declared.
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    /// <summary>
    /// SQLite has no date-time-with-offset type: as text it cannot be compared or sorted in SQL. Stored as UTC ticks,
    /// instants keep their order whatever offset a caller used, and queries can filter on due instants.
    /// </summary>
    public static void UseSqliteInstants(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>An instant as its UTC ticks; read back as UTC.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
