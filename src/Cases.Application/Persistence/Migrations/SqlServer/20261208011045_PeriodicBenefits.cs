using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PeriodicBenefits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AccountKind",
                table: "entitlements",
                type: "nvarchar(24)",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AccountNumber",
                table: "entitlements",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Bank",
                table: "entitlements",
                type: "nvarchar(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PaidThrough",
                table: "entitlements",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RecheckFrom",
                table: "entitlements",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "entitlements",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Suspension",
                table: "entitlements",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "automatic_stops",
                columns: table => new
                {
                    EntitlementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    FromMonth = table.Column<DateOnly>(type: "date", nullable: false),
                    StoppedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_automatic_stops", x => x.EntitlementId);
                    table.ForeignKey(
                        name: "FK_automatic_stops_entitlements_EntitlementId",
                        column: x => x.EntitlementId,
                        principalTable: "entitlements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "benefit_adjustments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    EffectiveMonth = table.Column<DateOnly>(type: "date", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AllowanceMethod = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    AllowanceValue = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    NursingMethod = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    NursingValue = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    PensionMethod = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    PensionValue = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    EnteredBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    EnteredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ApprovedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    AppliedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    AdjustedCount = table.Column<int>(type: "int", nullable: false),
                    AdjustedIncrease = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    DiscardedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    DiscardedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_adjustments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "certifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CityCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    RecipientIdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: false),
                    RecipientName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    CycleMonths = table.Column<int>(type: "int", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LastCertifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OverdueSince = table.Column<DateOnly>(type: "date", nullable: true),
                    entries = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "data_match_imports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CityCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ContentHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ImportedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Rows = table.Column<int>(type: "int", nullable: false),
                    Certified = table.Column<int>(type: "int", nullable: false),
                    Flagged = table.Column<int>(type: "int", nullable: false),
                    Unknown = table.Column<int>(type: "int", nullable: false),
                    Mismatched = table.Column<int>(type: "int", nullable: false),
                    Invalid = table.Column<int>(type: "int", nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_match_imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "overpayments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CityCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    EntitlementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecipientName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Benefit = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    FirstPeriod = table.Column<DateOnly>(type: "date", nullable: false),
                    LastPeriod = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Balance = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    FoundAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    entries = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_overpayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_overpayments_entitlements_EntitlementId",
                        column: x => x.EntitlementId,
                        principalTable: "entitlements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payroll_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CityCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Lines = table.Column<int>(type: "int", nullable: false),
                    Total = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Held = table.Column<int>(type: "int", nullable: false),
                    BatchId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ApprovedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payroll_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "benefit_adjustment_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AdjustmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EntitlementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CityCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    Benefit = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    RecipientName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    OldAmount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    NewAmount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false)
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

            migrationBuilder.CreateTable(
                name: "data_match_flags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CityCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecipientIdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: false),
                    RecipientName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    Event = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    EventOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OpenKey = table.Column<string>(type: "nvarchar(48)", maxLength: 48, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RaisedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DecidedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_match_flags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_data_match_flags_data_match_imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "data_match_imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payroll_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EntitlementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CityCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Benefit = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    RecipientName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    PaymentOrderId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    items = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payroll_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payroll_lines_entitlements_EntitlementId",
                        column: x => x.EntitlementId,
                        principalTable: "entitlements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_payroll_lines_payroll_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "payroll_runs",
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

            migrationBuilder.CreateIndex(
                name: "ix_certifications_due",
                table: "certifications",
                columns: new[] { "CityCode", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "ux_certifications_recipient",
                table: "certifications",
                columns: new[] { "CityCode", "RecipientIdNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_data_match_flags_ImportId",
                table: "data_match_flags",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "ix_data_match_flags_recipient",
                table: "data_match_flags",
                columns: new[] { "CityCode", "RecipientIdNumber" });

            migrationBuilder.CreateIndex(
                name: "ux_data_match_flags_open",
                table: "data_match_flags",
                columns: new[] { "CityCode", "OpenKey" },
                unique: true,
                filter: "[OpenKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_data_match_imports_city",
                table: "data_match_imports",
                columns: new[] { "CityCode", "ImportedAt" });

            migrationBuilder.CreateIndex(
                name: "ux_data_match_imports_content",
                table: "data_match_imports",
                columns: new[] { "CityCode", "ContentHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_overpayments_city_status",
                table: "overpayments",
                columns: new[] { "CityCode", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "ix_overpayments_entitlement",
                table: "overpayments",
                columns: new[] { "EntitlementId", "Status" });

            migrationBuilder.CreateIndex(
                name: "ix_payroll_lines_run",
                table: "payroll_lines",
                columns: new[] { "RunId", "Id" });

            migrationBuilder.CreateIndex(
                name: "ux_payroll_lines_entitlement_month",
                table: "payroll_lines",
                columns: new[] { "EntitlementId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_payroll_runs_city_month",
                table: "payroll_runs",
                columns: new[] { "CityCode", "Month" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "automatic_stops");

            migrationBuilder.DropTable(
                name: "benefit_adjustment_entries");

            migrationBuilder.DropTable(
                name: "certifications");

            migrationBuilder.DropTable(
                name: "data_match_flags");

            migrationBuilder.DropTable(
                name: "overpayments");

            migrationBuilder.DropTable(
                name: "payroll_lines");

            migrationBuilder.DropTable(
                name: "benefit_adjustments");

            migrationBuilder.DropTable(
                name: "data_match_imports");

            migrationBuilder.DropTable(
                name: "payroll_runs");

            migrationBuilder.DropColumn(
                name: "AccountKind",
                table: "entitlements");

            migrationBuilder.DropColumn(
                name: "AccountNumber",
                table: "entitlements");

            migrationBuilder.DropColumn(
                name: "Bank",
                table: "entitlements");

            migrationBuilder.DropColumn(
                name: "PaidThrough",
                table: "entitlements");

            migrationBuilder.DropColumn(
                name: "RecheckFrom",
                table: "entitlements");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "entitlements");

            migrationBuilder.DropColumn(
                name: "Suspension",
                table: "entitlements");
        }
    }
}
