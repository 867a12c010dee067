using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShortScience.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Figures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "figure_blobs",
                columns: table => new
                {
                    hash = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    variant = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_figure_blobs", x => new { x.hash, x.variant });
                });

            migrationBuilder.CreateTable(
                name: "figures",
                columns: table => new
                {
                    hash = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    variant = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    content_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    width = table.Column<int>(type: "integer", nullable: false),
                    height = table.Column<int>(type: "integer", nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_figures", x => new { x.hash, x.variant });
                    table.ForeignKey(
                        name: "fk_figures_asp_net_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_figures_created_at",
                table: "figures",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_figures_owner_id_created_at",
                table: "figures",
                columns: new[] { "owner_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "figure_blobs");

            migrationBuilder.DropTable(
                name: "figures");
        }
    }
}
