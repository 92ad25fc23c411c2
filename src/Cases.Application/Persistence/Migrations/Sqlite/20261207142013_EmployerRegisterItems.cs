using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmployerRegisterItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "employers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Affiliation",
                table: "employers",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DispatchRiskBasis",
                table: "employers",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EconomicType",
                table: "employers",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EstablishedOn",
                table: "employers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Industry",
                table: "employers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "LaborDispatch",
                table: "employers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "LegalRepresentativeDocumentNumber",
                table: "employers",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalRepresentativeDocumentType",
                table: "employers",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalRepresentativeName",
                table: "employers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalRepresentativePhone",
                table: "employers",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "employers",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegistrationAuthority",
                table: "employers",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "employers",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Active");

            migrationBuilder.AddColumn<DateOnly>(
                name: "StatusOn",
                table: "employers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnitType",
                table: "employers",
                type: "TEXT",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
