using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BenefitAdjustments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "benefit_adjustments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveMonth = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AllowanceMethod = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AllowanceValue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    NursingMethod = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    NursingValue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    PensionMethod = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PensionValue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EnteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AppliedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AdjustedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AdjustedIncrease = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    DiscardedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DiscardedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_adjustments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "benefit_adjustment_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AdjustmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntitlementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Benefit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecipientName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OldAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    NewAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_adjustment_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_benefit_adjustment_entries_benefit_adjustments_AdjustmentId",
                        column: x => x.AdjustmentId,
                        principalTable: "benefit_adjustments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_benefit_adjustment_entries_entitlements_EntitlementId",
                        column: x => x.EntitlementId,
                        principalTable: "entitlements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_benefit_adjustment_entries_city",
                table: "benefit_adjustment_entries",
                columns: new[] { "AdjustmentId", "CityCode", "Outcome", "EntitlementId" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_adjustment_entries_EntitlementId",
                table: "benefit_adjustment_entries",
                column: "EntitlementId");

            migrationBuilder.CreateIndex(
                name: "ux_benefit_adjustment_entries",
                table: "benefit_adjustment_entries",
                columns: new[] { "AdjustmentId", "EntitlementId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_benefit_adjustments_year",
                table: "benefit_adjustments",
                columns: new[] { "Year", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benefit_adjustment_entries");

            migrationBuilder.DropTable(
                name: "benefit_adjustments");
        }
    }
}
