using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cases.Application.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FourEyesPublication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ComparedWith",
                table: "workflow_definitions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DecidedAt",
                table: "workflow_definitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "workflow_definitions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionNote",
                table: "workflow_definitions",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SensitiveChanges",
                table: "workflow_definitions",
                type: "text",
                nullable: true);

            // Every version published before four-eyes publication was in use: approved, as the runtime treated it.
            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "workflow_definitions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Approved");

            migrationBuilder.CreateTable(
                name: "definition_publications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SensitiveChanges = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_definition_publications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_definition_publications_key_version",
                table: "definition_publications",
                columns: new[] { "Key", "Version" });

            // The journal starts with every version already published (规程 第一百二十条: 留痕可溯).
            migrationBuilder.Sql("""
                INSERT INTO definition_publications ("Key", "Version", "Action", "By", "At") SELECT "Key", "Version", 'Published', "PublishedBy", "PublishedAt" FROM workflow_definitions;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "definition_publications");

            migrationBuilder.DropColumn(
                name: "ComparedWith",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "DecisionNote",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "SensitiveChanges",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "workflow_definitions");
        }
    }
}
