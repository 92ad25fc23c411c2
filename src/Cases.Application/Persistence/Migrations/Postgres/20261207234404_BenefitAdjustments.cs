using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cases.Application.Persistence.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    EffectiveMonth = table.Column<DateOnly>(type: "date", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AllowanceMethod = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AllowanceValue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    NursingMethod = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    NursingValue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    PensionMethod = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    PensionValue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EnteredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EnteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AppliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AdjustedCount = table.Column<int>(type: "integer", nullable: false),
                    AdjustedIncrease = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    DiscardedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DiscardedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_adjustments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "benefit_adjustment_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AdjustmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    EntitlementId = table.Column<Guid>(type: "uuid", nullable: false),
                    CityCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Benefit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecipientName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OldAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    NewAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
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
