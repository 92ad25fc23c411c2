using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProvisionalCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ProvisionalYear",
                table: "workflow_timers",
                type: "INTEGER",
                nullable: true);

            // Every task before this version is a step of its definition.
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "human_tasks",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Step");

            migrationBuilder.AddColumn<int>(
                name: "ProvisionalYear",
                table: "human_tasks",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ProvisionalYear",
                table: "workflow_timers");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "human_tasks");

            migrationBuilder.DropColumn(
                name: "ProvisionalYear",
                table: "human_tasks");
        }
    }
}
