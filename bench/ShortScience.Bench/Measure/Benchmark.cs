namespace ShortScience.Bench.Measure;

public static class Benchmark
{
    public static Task RunAsync(Options options) => Task.CompletedTask;
}
