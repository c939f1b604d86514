using NodaTime;

namespace PmmEtl.DemoSource.Generation;

/// <summary>
/// Draws on top of <see cref="Random"/>. Everything derives from the one seeded instance, so the
/// order of calls is part of the output: change it and every later value changes.
/// </summary>
internal static class RandomExtensions
{
    public static bool Chance(this Random rng, double probability) => rng.NextDouble() < probability;

    public static double Uniform(this Random rng, double min, double max) => min + ((max - min) * rng.NextDouble());

    /// <summary>Box–Muller; one value per call keeps the sequence simple to reason about.</summary>
    public static double StandardNormal(this Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static Duration UniformMinutes(this Random rng, double min, double max) => Seconds(rng.Uniform(min, max) * 60.0);

    public static Duration UniformHours(this Random rng, double min, double max) => Seconds(rng.Uniform(min, max) * 3600.0);

    /// <summary>
    /// Waiting times are right-skewed (most quick, a long tail), hence lognormal; the clamp keeps the
    /// tail inside what the brief calls plausible.
    /// </summary>
    public static Duration LogNormalHours(this Random rng, double medianHours, double sigma, double minHours, double maxHours)
    {
        double hours = medianHours * Math.Exp(sigma * rng.StandardNormal());
        return Seconds(Math.Clamp(hours, minHours, maxHours) * 3600.0);
    }

    /// <summary>Whole seconds, because the source stores times to the second.</summary>
    private static Duration Seconds(double seconds) => Duration.FromSeconds(Math.Round(seconds));
}
