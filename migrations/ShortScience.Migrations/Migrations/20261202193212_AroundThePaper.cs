using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ShortScience.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AroundThePaper : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "reading_list_feed_token",
                table: "users",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "citations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source_kind = table.Column<int>(type: "integer", nullable: false),
                    source_id = table.Column<long>(type: "bigint", nullable: false),
                    source_paper_id = table.Column<long>(type: "bigint", nullable: false),
                    cited_paper_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_citations", x => x.id);
                    table.ForeignKey(
                        name: "fk_citations_papers_cited_paper_id",
                        column: x => x.cited_paper_id,
                        principalTable: "papers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_citations_papers_source_paper_id",
                        column: x => x.source_paper_id,
                        principalTable: "papers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "paper_aliases",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    paper_id = table.Column<long>(type: "bigint", nullable: false),
                    key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    normalized_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_aliases", x => x.id);
                    table.ForeignKey(
                        name: "fk_paper_aliases_papers_paper_id",
                        column: x => x.paper_id,
                        principalTable: "papers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reading_list_entries",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    paper_id = table.Column<long>(type: "bigint", nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reading_list_entries", x => new { x.user_id, x.paper_id });
                    table.ForeignKey(
                        name: "fk_reading_list_entries_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_reading_list_entries_papers_paper_id",
                        column: x => x.paper_id,
                        principalTable: "papers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_users_reading_list_feed_token",
                table: "users",
                column: "reading_list_feed_token",
                unique: true,
                filter: "reading_list_feed_token IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_citations_cited_paper_id_id",
                table: "citations",
                columns: new[] { "cited_paper_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_citations_source_kind_source_id_cited_paper_id",
                table: "citations",
                columns: new[] { "source_kind", "source_id", "cited_paper_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_citations_source_paper_id",
                table: "citations",
                column: "source_paper_id");

            migrationBuilder.CreateIndex(
                name: "ix_paper_aliases_normalized_key",
                table: "paper_aliases",
                column: "normalized_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_paper_aliases_paper_id",
                table: "paper_aliases",
                column: "paper_id");

            migrationBuilder.CreateIndex(
                name: "ix_reading_list_entries_paper_id",
                table: "reading_list_entries",
                column: "paper_id");

            migrationBuilder.CreateIndex(
                name: "ix_reading_list_entries_user_id_created_at",
                table: "reading_list_entries",
                columns: new[] { "user_id", "created_at" });

            // Papers already here keep the keys they are known by.
            migrationBuilder.Sql("""
                INSERT INTO paper_aliases (paper_id, key, normalized_key, created_at)
                SELECT DISTINCT ON (lower(k.key)) k.paper_id, k.key, lower(k.key), now()
                FROM (
                    SELECT id AS paper_id, bibtex_key AS key, 0 AS rank FROM papers WHERE bibtex_key IS NOT NULL
                    UNION ALL SELECT id, arxiv_id, 1 FROM papers WHERE arxiv_id IS NOT NULL
                    UNION ALL SELECT id, doi, 2 FROM papers WHERE doi IS NOT NULL
                ) k
                WHERE length(k.key) <= 300
                ORDER BY lower(k.key), k.rank, k.paper_id
                ON CONFLICT DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "citations");

            migrationBuilder.DropTable(
                name: "paper_aliases");

            migrationBuilder.DropTable(
                name: "reading_list_entries");

            migrationBuilder.DropIndex(
                name: "ix_users_reading_list_feed_token",
                table: "users");

            migrationBuilder.DropColumn(
                name: "reading_list_feed_token",
                table: "users");
        }
    }
}
