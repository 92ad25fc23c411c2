using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClockSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClockSource",
                table: "workflow_timers",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClockSource",
                table: "human_tasks",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClockSource",
                table: "escalations",
                type: "TEXT",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClockSource",
                table: "workflow_timers");

            migrationBuilder.DropColumn(
                name: "ClockSource",
                table: "human_tasks");

            migrationBuilder.DropColumn(
                name: "ClockSource",
                table: "escalations");
        }
    }
}
