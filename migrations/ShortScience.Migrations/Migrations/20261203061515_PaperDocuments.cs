using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShortScience.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class PaperDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "page_version",
                table: "papers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "page_epoch",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    epoch = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_page_epoch", x => x.id);
                    table.CheckConstraint("ck_page_epoch_one_row", "id = 1");
                });

            migrationBuilder.CreateTable(
                name: "paper_documents",
                columns: table => new
                {
                    paper_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    epoch = table.Column<long>(type: "bigint", nullable: false),
                    format = table.Column<int>(type: "integer", nullable: false),
                    document = table.Column<byte[]>(type: "bytea", nullable: false),
                    built_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_documents", x => x.paper_id);
                    table.ForeignKey(
                        name: "fk_paper_documents_papers_paper_id",
                        column: x => x.paper_id,
                        principalTable: "papers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Read whole on every anonymous paper read: stored out of line but uncompressed, which PostgreSQL hands out
            // at about two thirds of the CPU of decompressing it (measured on the paper page).
            migrationBuilder.Sql("ALTER TABLE paper_documents ALTER COLUMN document SET STORAGE EXTERNAL;");

            migrationBuilder.InsertData(
                table: "page_epoch",
                columns: new[] { "id", "epoch" },
                values: new object[] { 1, 0L });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "page_epoch");

            migrationBuilder.DropTable(
                name: "paper_documents");

            migrationBuilder.DropColumn(
                name: "page_version",
                table: "papers");
        }
    }
}
