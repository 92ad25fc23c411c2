using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InjuryCaseRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameIndex(
                name: "IX_injury_cases_EmployerId",
                table: "injury_cases",
                newName: "ix_injury_cases_employer");

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "injury_cases",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecognitionNumber",
                table: "injury_cases",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RehabEndsOn",
                table: "injury_cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RehabOriginallyEndsOn",
                table: "injury_cases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RehabStartsOn",
                table: "injury_cases",
                type: "date",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ux_injury_cases_recognition_number",
                table: "injury_cases",
                column: "RecognitionNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_injury_cases_recognition_number",
                table: "injury_cases");

            migrationBuilder.DropColumn(
                name: "Description",
                table: "injury_cases");

            migrationBuilder.DropColumn(
                name: "RecognitionNumber",
                table: "injury_cases");

            migrationBuilder.DropColumn(
                name: "RehabEndsOn",
                table: "injury_cases");

            migrationBuilder.DropColumn(
                name: "RehabOriginallyEndsOn",
                table: "injury_cases");

            migrationBuilder.DropColumn(
                name: "RehabStartsOn",
                table: "injury_cases");

            migrationBuilder.RenameIndex(
                name: "ix_injury_cases_employer",
                table: "injury_cases",
                newName: "IX_injury_cases_EmployerId");
        }
    }
}
