using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ProjectRegistration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AwardNotice",
                table: "construction_projects",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContractNumber",
                table: "construction_projects",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Premium",
                table: "construction_projects",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PremiumPaidOn",
                table: "construction_projects",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RegisteredOn",
                table: "construction_projects",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Subcontracted",
                table: "construction_projects",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "WorkStarted",
                table: "construction_projects",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "project_workers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    EmployedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FilingDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    LeftOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_project_workers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_project_workers_construction_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "construction_projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_construction_projects_city_code",
                table: "construction_projects",
                columns: new[] { "CityCode", "ProjectCode" });

            migrationBuilder.CreateIndex(
                name: "ux_project_workers_project_id_number",
                table: "project_workers",
                columns: new[] { "ProjectId", "IdNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "project_workers");

            migrationBuilder.DropIndex(
                name: "ix_construction_projects_city_code",
                table: "construction_projects");

            migrationBuilder.DropColumn(
                name: "AwardNotice",
                table: "construction_projects");

            migrationBuilder.DropColumn(
                name: "ContractNumber",
                table: "construction_projects");

            migrationBuilder.DropColumn(
                name: "Premium",
                table: "construction_projects");

            migrationBuilder.DropColumn(
                name: "PremiumPaidOn",
                table: "construction_projects");

            migrationBuilder.DropColumn(
                name: "RegisteredOn",
                table: "construction_projects");

            migrationBuilder.DropColumn(
                name: "Subcontracted",
                table: "construction_projects");

            migrationBuilder.DropColumn(
                name: "WorkStarted",
                table: "construction_projects");
        }
    }
}
