using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmploymentEndAndBatchRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "payment_batches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EmploymentEndedOn",
                table: "injury_cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "KeepsMedicalTreatment",
                table: "injury_cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Revision",
                table: "payment_batches");

            migrationBuilder.DropColumn(
                name: "EmploymentEndedOn",
                table: "injury_cases");

            migrationBuilder.DropColumn(
                name: "KeepsMedicalTreatment",
                table: "injury_cases");
        }
    }
}
