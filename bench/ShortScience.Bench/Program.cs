using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using ShortScience.Bench;
using ShortScience.Bench.Generate;
using ShortScience.Bench.Measure;

// bench generate --connection "Host=…;Database=bench" [--papers 300000 --summaries 1000000 --comments 3000000 --votes 10000000]
// bench soak --web URL --api URL --mail FOLDER --pids API,WEB [--minutes 10]
// bench writers --api URL --mail FOLDER --papers FILE [--rate 5 --seconds 20]  (fixed-rate writers for load.sh mixed)
// bench measure  --connection "…" --api http://127.0.0.1:5091 [--rounds 200]
// bench cluster --site URL --primary "…" --standby "…" [--seconds 120 --writers 4 --readers 8]  (bench/cluster.sh's load)
// bench static <folder> <url> [memory]  (the load benchmark's references: Kestrel's static-file server, or with
//   "memory" a bare Kestrel app answering each file's bytes from memory: the least any page held in memory can cost)
// bench hot <trace.speedscope.json> [top]  (where running managed code spends its time, from a dotnet-trace profile)
// bench plans <server.log> <application name>  (auto_explain's plans: any big table read whole?)
if (args.FirstOrDefault() == "static")
{
    var host = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
    host.Logging.ClearProviders();
    var site = host.Build();
    site.Urls.Add(args[2]);
    if (args.ElementAtOrDefault(3) == "memory")
    {
        var files = Directory.GetFiles(args[1]).ToDictionary(file => "/" + Path.GetFileName(file), File.ReadAllBytes);
        site.Run(context =>
        {
            if (!files.TryGetValue(context.Request.Path.Value ?? "", out var bytes))
            {
                context.Response.StatusCode = 404;
                return Task.CompletedTask;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength = bytes.Length;
            return context.Response.Body.WriteAsync(bytes).AsTask();
        });
        await site.RunAsync();
        return 0;
    }
    site.UseStaticFiles(new Microsoft.AspNetCore.Builder.StaticFileOptions
    {
        FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetFullPath(args[1])),
    });
    await site.RunAsync();
    return 0;
}

if (args.FirstOrDefault() == "plans")
{
    return ShortScience.Bench.Profile.PlanCheck.Run(args[1], args[2]);
}

if (args.FirstOrDefault() == "hot")
{
    return ShortScience.Bench.Profile.HotPaths.Run(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 25);
}

var options = Options.Parse(args.Skip(1));
switch (args.FirstOrDefault())
{
    case "generate":
        await Generator.RunAsync(options);
        break;
    case "measure":
        await Benchmark.RunAsync(options);
        break;
    case "cluster":
        return await ShortScience.Bench.Cluster.ClusterLoad.RunAsync(options);
    case "soak":
        return await ShortScience.Bench.Soak.Soak.RunAsync(options);
    case "writers":
        return await ShortScience.Bench.Soak.Writers.RunAsync(options);
    default:
        Console.Error.WriteLine("usage: bench generate|measure --connection <connection string> [options]; see bench/README.md");
        return 2;
}
return 0;
