using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ShortScience.Data;

#nullable disable

namespace ShortScience.Migrations.Migrations
{
    /// <summary>The venue-year counts' trigger takes its row locks in key order (Sql/VenueYearCounts.cs); the EF model is unchanged.</summary>
    [DbContext(typeof(ShortScienceDb))]
    [Migration("20261204223000_VenueYearCountsInKeyOrder")]
    public partial class VenueYearCountsInKeyOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Sql.VenueYearCounts.InKeyOrder);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Sql.VenueYearCounts.FirstTracker);
    }
}
