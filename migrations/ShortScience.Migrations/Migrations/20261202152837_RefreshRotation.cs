using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShortScience.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RefreshRotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "refresh_generation",
                table: "user_sessions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "refreshed_at",
                table: "user_sessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "status_before_hidden",
                table: "summaries",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "refresh_generation",
                table: "user_sessions");

            migrationBuilder.DropColumn(
                name: "refreshed_at",
                table: "user_sessions");

            migrationBuilder.DropColumn(
                name: "status_before_hidden",
                table: "summaries");
        }
    }
}
