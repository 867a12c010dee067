namespace ShortScience.Bench.Generate;

/// <summary>Ranks 0..n-1 drawn with probability proportional to 1/(rank+1)^s.</summary>
public sealed class Zipf
{
    readonly double[] _cumulative;

    public Zipf(int n, double s)
    {
        _cumulative = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, s);
            _cumulative[i] = sum;
        }
        for (var i = 0; i < n; i++) _cumulative[i] /= sum;
    }

    public int Count => _cumulative.Length;

    public int Next(Random random)
    {
        var i = Array.BinarySearch(_cumulative, random.NextDouble());
        return Math.Min(i < 0 ? ~i : i, _cumulative.Length - 1);
    }
}
