using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UniqueSavedFilterNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_saved_filters_owner",
                table: "saved_filters");

            // Two saves of one name that raced before this key existed left two rows: keep the newer one.
            migrationBuilder.Sql("""
                DELETE FROM saved_filters AS older USING saved_filters AS newer WHERE newer."Owner" = older."Owner" AND newer."Name" = older."Name" AND (newer."CreatedAt" > older."CreatedAt" OR (newer."CreatedAt" = older."CreatedAt" AND newer."Id" > older."Id"));
                """);

            migrationBuilder.CreateIndex(
                name: "ux_saved_filters_owner_name",
                table: "saved_filters",
                columns: new[] { "Owner", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_saved_filters_owner_name",
                table: "saved_filters");

            migrationBuilder.CreateIndex(
                name: "ix_saved_filters_owner",
                table: "saved_filters",
                column: "Owner");
        }
    }
}
