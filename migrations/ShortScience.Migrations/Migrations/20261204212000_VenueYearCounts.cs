using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ShortScience.Data;
using ShortScience.Migrations.Sql;

#nullable disable

namespace ShortScience.Migrations.Migrations
{
    /// <summary>Per venue and year counts kept by a trigger (Sql/VenueYearCounts.cs); the EF model is unchanged.</summary>
    [DbContext(typeof(ShortScienceDb))]
    [Migration("20261204212000_VenueYearCounts")]
    public partial class VenueYearCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Sql.VenueYearCounts.Up);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Sql.VenueYearCounts.Down);
    }
}
