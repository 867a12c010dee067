using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShortScience.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Discussion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "target_id",
                table: "flags",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "target_id",
                table: "flags",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);
        }
    }
}
