using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TaskSortAndSlaIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_human_tasks_claimable_age",
                table: "human_tasks",
                columns: new[] { "CityCode", "Role", "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "ix_human_tasks_claimable_priority",
                table: "human_tasks",
                columns: new[] { "CityCode", "Role", "Status", "Priority", "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "ix_human_tasks_open_sla",
                table: "human_tasks",
                columns: new[] { "CityCode", "Procedure", "Assignee", "DueAt", "WarnAt" },
                filter: "\"Status\" IN ('Open', 'Claimed')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_human_tasks_claimable_age",
                table: "human_tasks");

            migrationBuilder.DropIndex(
                name: "ix_human_tasks_claimable_priority",
                table: "human_tasks");

            migrationBuilder.DropIndex(
                name: "ix_human_tasks_open_sla",
                table: "human_tasks");
        }
    }
}
