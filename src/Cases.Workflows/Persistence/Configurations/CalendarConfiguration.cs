using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cases.Workflows.Persistence.Configurations;

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> b)
    {
        b.ToTable("calendar_years");
        b.HasKey(x => x.Year);
        b.Property(x => x.Year).ValueGeneratedNever();
        b.Property(x => x.Source).HasMaxLength(500);
        b.Property(x => x.LoadedBy).HasMaxLength(100);
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("calendar_days");
        b.HasKey(x => x.Date);
        b.Property(x => x.Name).HasMaxLength(100);
    }
}

internal sealed class CalendarRevisionConfiguration : IEntityTypeConfiguration<CalendarRevision>
{
    public void Configure(EntityTypeBuilder<CalendarRevision> b)
    {
        b.ToTable("calendar_revision");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasData(new CalendarRevision { Id = 1, Revision = 0 });
    }
}
