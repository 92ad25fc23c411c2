using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DataMatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "automatic_stops",
                columns: table => new
                {
                    EntitlementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    FromMonth = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StoppedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "data_match_imports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    Certified = table.Column<int>(type: "INTEGER", nullable: false),
                    Flagged = table.Column<int>(type: "INTEGER", nullable: false),
                    Unknown = table.Column<int>(type: "INTEGER", nullable: false),
                    Mismatched = table.Column<int>(type: "INTEGER", nullable: false),
                    Invalid = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_match_imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "data_match_flags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CityCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecipientIdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    RecipientName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Event = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    EventOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OpenKey = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
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
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_data_match_imports_city",
                table: "data_match_imports",
                columns: new[] { "CityCode", "ImportedAt" });

            migrationBuilder.CreateIndex(
                name: "ux_data_match_imports_content",
                table: "data_match_imports",
                columns: new[] { "CityCode", "ContentHash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "automatic_stops");

            migrationBuilder.DropTable(
                name: "data_match_flags");

            migrationBuilder.DropTable(
                name: "data_match_imports");
        }
    }
}
