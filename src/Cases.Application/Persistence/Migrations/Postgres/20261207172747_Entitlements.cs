using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Entitlements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "entitlements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CityCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    InjuryCaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Benefit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecipientName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecipientIdNumber = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Relation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Article = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FromMonth = table.Column<DateOnly>(type: "date", nullable: false),
                    ToMonth = table.Column<DateOnly>(type: "date", nullable: true),
                    MonthlyAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AdulthoodOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    history = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entitlements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_entitlements_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_entitlements_injury_cases_InjuryCaseId",
                        column: x => x.InjuryCaseId,
                        principalTable: "injury_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_entitlements_CaseId",
                table: "entitlements",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "ix_entitlements_city_status",
                table: "entitlements",
                columns: new[] { "CityCode", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "ix_entitlements_injury_case",
                table: "entitlements",
                columns: new[] { "InjuryCaseId", "Benefit" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "entitlements");
        }
    }
}
