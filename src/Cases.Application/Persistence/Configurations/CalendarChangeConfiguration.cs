using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cases.Application.Persistence.Configurations;

internal sealed class CalendarChangeConfiguration : IEntityTypeConfiguration<CalendarChange>
{
    public void Configure(EntityTypeBuilder<CalendarChange> b)
    {
        b.ToTable("calendar_changes");
        b.HasKey(x => x.Id);
        b.Property(x => x.BeforeName).HasMaxLength(100);
        b.Property(x => x.AfterName).HasMaxLength(100);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.ChangedBy).HasMaxLength(100);
        b.HasIndex(x => x.Date).HasDatabaseName("ix_calendar_changes_date");
    }
}
