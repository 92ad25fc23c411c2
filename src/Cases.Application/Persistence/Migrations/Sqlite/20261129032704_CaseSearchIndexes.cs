using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_cases_city_created",
                table: "cases",
                columns: new[] { "CityCode", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_created",
                table: "cases",
                columns: new[] { "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_city_created",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_created",
                table: "cases");
        }
    }
}
