using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InjuryAppraisals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "ix_injury_appraisals_injury_case",
                table: "injury_appraisals",
                columns: new[] { "InjuryCaseId", "AppraisedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "injury_appraisals");
        }
    }
}
