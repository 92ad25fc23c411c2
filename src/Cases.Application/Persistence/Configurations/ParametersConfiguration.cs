using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cases.Application.Persistence.Configurations;

internal sealed class ParameterValueConfiguration : IEntityTypeConfiguration<Cases.Application.Records.ParameterValue>
{
    public void Configure(EntityTypeBuilder<Cases.Application.Records.ParameterValue> b)
    {
        b.ToTable("parameter_values");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.Source).HasMaxLength(500);
        b.Property(x => x.UpdatedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.Name, x.Year, x.CityCode }).IsUnique().HasDatabaseName("ux_parameter_values_name_year_city");
    }
}

internal sealed class ParameterChangeConfiguration : IEntityTypeConfiguration<Cases.Application.Records.ParameterChange>
{
    public void Configure(EntityTypeBuilder<Cases.Application.Records.ParameterChange> b)
    {
        b.ToTable("parameter_changes");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(64);
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.Source).HasMaxLength(500);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.ChangedBy).HasMaxLength(100);
    }
}
