using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AppraisalsLinksCataloguesPaymentsEntitlements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalogue_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Catalogue = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ContentHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Items = table.Column<int>(type: "int", nullable: false),
                    Added = table.Column<int>(type: "int", nullable: false),
                    Changed = table.Column<int>(type: "int", nullable: false),
                    Removed = table.Column<int>(type: "int", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    AppliedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_versions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "entitlements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CityCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    InjuryCaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Benefit = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    RecipientName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    RecipientIdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: false),
                    Relation = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    Article = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    FromMonth = table.Column<DateOnly>(type: "date", nullable: false),
                    ToMonth = table.Column<DateOnly>(type: "date", nullable: true),
                    MonthlyAmount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    AdulthoodOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    history = table.Column<string>(type: "nvarchar(max)", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "injury_appraisals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    InjuryCaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DisabilityGrade = table.Column<int>(type: "int", nullable: true),
                    SelfCareLevel = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    AppraisedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ConclusionNumber = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_injury_appraisals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_injury_appraisals_injury_cases_InjuryCaseId",
                        column: x => x.InjuryCaseId,
                        principalTable: "injury_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "injury_case_links",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    InjuryCaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CityCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    Typed = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    How = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    LinkedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UndoneAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UndoneBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    UndoReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_injury_case_links", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_injury_case_links_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_injury_case_links_injury_cases_InjuryCaseId",
                        column: x => x.InjuryCaseId,
                        principalTable: "injury_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payment_batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CityCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false),
                    Total = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    AssembledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AssembledBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ApprovedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ReconciledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    VersionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Catalogue = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Code = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Class = table.Column<string>(type: "nvarchar(2)", maxLength: 2, nullable: false),
                    SelfPayPercent = table.Column<decimal>(type: "decimal(5,2)", precision: 5, scale: 2, nullable: false),
                    PriceCap = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    Unit = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_catalogue_items_catalogue_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "catalogue_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payment_orders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CityCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Step = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    InjuryCaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    PayeeName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    PayeeKind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    AccountKind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    AccountNumber = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Bank = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Benefit = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Article = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Period = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    BatchId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Reverses = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ReversedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Corrects = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    SupersededBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    SettledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OrderedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    OrderedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_orders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payment_orders_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_payment_orders_payment_batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "payment_batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalogue_items_code_from",
                table: "catalogue_items",
                columns: new[] { "Code", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "ux_catalogue_items_version_code",
                table: "catalogue_items",
                columns: new[] { "VersionId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_catalogue_versions_catalogue_from",
                table: "catalogue_versions",
                columns: new[] { "Catalogue", "EffectiveFrom" },
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "ix_injury_appraisals_injury_case",
                table: "injury_appraisals",
                columns: new[] { "InjuryCaseId", "AppraisedOn" });

            migrationBuilder.CreateIndex(
                name: "ix_injury_case_links_injury_case",
                table: "injury_case_links",
                column: "InjuryCaseId");

            migrationBuilder.CreateIndex(
                name: "ix_payment_batches_city_status",
                table: "payment_batches",
                columns: new[] { "CityCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_orders_batch",
                table: "payment_orders",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "ix_payment_orders_case",
                table: "payment_orders",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "ix_payment_orders_city_status",
                table: "payment_orders",
                columns: new[] { "CityCode", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_orders_injury_case",
                table: "payment_orders",
                column: "InjuryCaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalogue_items");

            migrationBuilder.DropTable(
                name: "entitlements");

            migrationBuilder.DropTable(
                name: "injury_appraisals");

            migrationBuilder.DropTable(
                name: "injury_case_links");

            migrationBuilder.DropTable(
                name: "payment_orders");

            migrationBuilder.DropTable(
                name: "catalogue_versions");

            migrationBuilder.DropTable(
                name: "payment_batches");
        }
    }
}
