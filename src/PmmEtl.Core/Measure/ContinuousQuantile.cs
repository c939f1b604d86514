namespace PmmEtl.Core.Measure;

/// <summary>
/// The continuous quantile (linear interpolation between the two closest ranks) exactly as the engines' own
/// aggregates compute it over doubles: the rank RN = (N − 1)·q, its floor and ceiling, and the two values there
/// weighted by d = RN − floor(RN). The engines round the interpolation differently in the last bit (measured:
/// PostgreSQL's <c>percentile_cont</c> computes lo + d·(hi − lo), DuckDB's <c>quantile_cont</c> lo·(1 − d) + hi·d),
/// so the form is the engine's, and a quantile assembled from two values fetched by rank is bit for bit the one its
/// aggregate gives.
/// </summary>
public static class ContinuousQuantile
{
    /// <summary>The quantiles the KPIs publish: the median and the 90th percentile.</summary>
    public static IReadOnlyList<double> Published { get; } = [0.5, 0.9];

    /// <summary>The 0-based ranks of the two values a quantile interpolates between, and the weight of the upper one.</summary>
    public static (long Lo, long Hi, double Fraction) Ranks(long count, double q)
    {
        if (count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "a quantile of no values");
        }

        double rn = (count - 1) * q;
        double lo = Math.Floor(rn);
        return ((long)lo, (long)Math.Ceiling(rn), rn - lo);
    }

    /// <summary>The quantile from the values at the two ranks <see cref="Ranks"/> gave, rounded as the engine rounds it.</summary>
    public static double Interpolate(double lo, double hi, (long Lo, long Hi, double Fraction) ranks, Interpolation form) =>
        ranks.Lo == ranks.Hi ? lo : form switch
        {
            Interpolation.LowPlusFractionOfGap => lo + (ranks.Fraction * (hi - lo)),
            Interpolation.WeightedEnds => (lo * (1 - ranks.Fraction)) + (hi * ranks.Fraction),
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, "not an interpolation form"),
        };
}

/// <summary>How an engine rounds a continuous quantile between two values (see <see cref="ContinuousQuantile"/>).</summary>
public enum Interpolation
{
    /// <summary>lo + d·(hi − lo): PostgreSQL's percentile_cont.</summary>
    LowPlusFractionOfGap,

    /// <summary>lo·(1 − d) + hi·d: DuckDB's quantile_cont, and SQL Server's PERCENTILE_CONT as documented.</summary>
    WeightedEnds,
}
