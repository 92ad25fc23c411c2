using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cases.Application.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PaymentBatchRevision : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Revision",
                table: "payment_batches");
        }
    }
}
