namespace PmmEtl.Reports.Html.Charts;

/// <summary>An axis from a round minimum to a round maximum in round steps (1, 2, 2.5 or 5 × 10^k), zero included.</summary>
internal readonly record struct NiceScale(double Min, double Max, double Step)
{
    public static NiceScale For(IEnumerable<double> values, int ticks = 5)
    {
        double[] v = [.. values.Where(double.IsFinite)];
        double lo = Math.Min(0, v.Length > 0 ? v.Min() : 0);
        double hi = Math.Max(0, v.Length > 0 ? v.Max() : 1);
        if (hi - lo <= 0)
        {
            hi = lo + 1;
        }

        double rough = (hi - lo) / ticks;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= rough);
        return new NiceScale(Math.Floor(lo / step) * step, Math.Ceiling(hi / step) * step, step);
    }

    public IEnumerable<double> Ticks()
    {
        for (double t = Min; t <= Max + (Step / 2); t += Step)
        {
            yield return Math.Round(t, 10);
        }
    }

    /// <summary>Maps a value to a pixel between <paramref name="bottom"/> (Min) and <paramref name="top"/> (Max).</summary>
    public double Y(double value, double bottom, double top) => bottom - ((value - Min) / (Max - Min) * (bottom - top));
}
