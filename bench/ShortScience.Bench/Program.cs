using ShortScience.Bench;
using ShortScience.Bench.Generate;
using ShortScience.Bench.Measure;

// bench generate --connection "Host=…;Database=bench" [--papers 300000 --summaries 1000000 --comments 3000000 --votes 10000000]
// bench measure  --connection "…" --api http://127.0.0.1:5091 [--rounds 200]
var options = Options.Parse(args.Skip(1));
switch (args.FirstOrDefault())
{
    case "generate":
        await Generator.RunAsync(options);
        break;
    case "measure":
        await Benchmark.RunAsync(options);
        break;
    default:
        Console.Error.WriteLine("usage: bench generate|measure --connection <connection string> [options]; see bench/README.md");
        return 2;
}
return 0;
