using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;
using ShortScience.Data;

namespace ShortScience.Migrations;

/// <summary>Lets `dotnet ef migrations add` build the model without starting a host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ShortScienceDb>
{
    public ShortScienceDb CreateDbContext(string[] args)
    {
        var cs = Environment.GetEnvironmentVariable("ConnectionStrings__ShortScience")
            ?? "Host=127.0.0.1;Database=shortscience_design;Username=postgres";
        var options = new DbContextOptionsBuilder<ShortScienceDb>();
        DataServiceCollectionExtensions.Configure(options, new NpgsqlDataSourceBuilder(cs).Build());
        return new ShortScienceDb(options.Options);
    }
}
