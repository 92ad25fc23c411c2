using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class EmployerItemsEmploymentsOncePerClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "employers",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Affiliation",
                table: "employers",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DispatchRiskBasis",
                table: "employers",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EconomicType",
                table: "employers",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EstablishedOn",
                table: "employers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Industry",
                table: "employers",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "LaborDispatch",
                table: "employers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "LegalRepresentativeDocumentNumber",
                table: "employers",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalRepresentativeDocumentType",
                table: "employers",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalRepresentativeName",
                table: "employers",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalRepresentativePhone",
                table: "employers",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "employers",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegistrationAuthority",
                table: "employers",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "employers",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Active");

            migrationBuilder.AddColumn<DateOnly>(
                name: "StatusOn",
                table: "employers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnitType",
                table: "employers",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "employments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    WorkerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EmployerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EmployedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FilingDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndKind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    EndFiledOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_employments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_employments_employers_EmployerId",
                        column: x => x.EmployerId,
                        principalTable: "employers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_employments_workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "once_per_claims",
                columns: table => new
                {
                    Procedure = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_once_per_claims", x => new { x.Procedure, x.Value });
                    table.ForeignKey(
                        name: "FK_once_per_claims_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_employments_employer",
                table: "employments",
                columns: new[] { "EmployerId", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "ix_employments_worker",
                table: "employments",
                columns: new[] { "WorkerId", "EmployedOn" });

            migrationBuilder.CreateIndex(
                name: "ux_once_per_claims_case",
                table: "once_per_claims",
                column: "CaseId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "employments");

            migrationBuilder.DropTable(
                name: "once_per_claims");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "Affiliation",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "DispatchRiskBasis",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "EconomicType",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "EstablishedOn",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "Industry",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "LaborDispatch",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "LegalRepresentativeDocumentNumber",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "LegalRepresentativeDocumentType",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "LegalRepresentativeName",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "LegalRepresentativePhone",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "RegistrationAuthority",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "StatusOn",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "UnitType",
                table: "employers");
        }
    }
}
