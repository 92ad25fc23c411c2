using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.Postgres
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
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClockSource",
                table: "human_tasks",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClockSource",
                table: "escalations",
                type: "character varying(40)",
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
