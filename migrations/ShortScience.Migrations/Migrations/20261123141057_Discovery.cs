using Microsoft.EntityFrameworkCore.Migrations;
using ShortScience.Migrations.Sql;

#nullable disable

namespace ShortScience.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Discovery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_papers_search_vector",
                table: "papers");

            migrationBuilder.CreateIndex(
                name: "ix_summaries_paper_id_status_score",
                table: "summaries",
                columns: new[] { "paper_id", "status", "score" });

            migrationBuilder.CreateIndex(
                name: "ix_papers_listing",
                table: "papers",
                columns: new[] { "summary_count", "id" },
                filter: "status = 0");

            migrationBuilder.CreateIndex(
                name: "ix_papers_search_vector",
                table: "papers",
                column: "search_vector",
                filter: "status = 0")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_papers_venue_year_listing",
                table: "papers",
                columns: new[] { "venue_id", "year", "summary_count", "id" },
                filter: "status = 0");

            migrationBuilder.CreateIndex(
                name: "ix_papers_year_listing",
                table: "papers",
                columns: new[] { "year", "summary_count", "id" },
                filter: "status = 0");

            migrationBuilder.Sql(SearchSchema.BackfillFields);
            migrationBuilder.Sql(SearchSchema.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchSchema.Down);

            migrationBuilder.DropIndex(
                name: "ix_summaries_paper_id_status_score",
                table: "summaries");

            migrationBuilder.DropIndex(
                name: "ix_papers_listing",
                table: "papers");

            migrationBuilder.DropIndex(
                name: "ix_papers_search_vector",
                table: "papers");

            migrationBuilder.DropIndex(
                name: "ix_papers_venue_year_listing",
                table: "papers");

            migrationBuilder.DropIndex(
                name: "ix_papers_year_listing",
                table: "papers");

            migrationBuilder.CreateIndex(
                name: "ix_papers_search_vector",
                table: "papers",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");
        }
    }
}
