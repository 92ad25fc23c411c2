using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.SqlServer
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
                type: "int",
                nullable: true);

            // Every task before this version is a step of its definition.
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "human_tasks",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Step");

            migrationBuilder.AddColumn<int>(
                name: "ProvisionalYear",
                table: "human_tasks",
                type: "int",
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
