using PmmEtl.DemoSource.Generation;

namespace PmmEtl.DemoSource.Records;

/// <summary>The currencies amounts are kept in, and the rates (USD per unit) the generator draws them with; demo.yaml's <c>currency.usd_rates</c> gives the same.</summary>
internal static class Currencies
{
    public const double UsdPerEur = 1.08;
    public const double UsdPerMxn = 0.055;

    /// <summary>Mostly USD; Laredo trades partly in pesos, the New York seaport partly in euros, a few euros elsewhere.</summary>
    public static string Pick(Random rng, string officeCode) => officeCode switch
    {
        "USLRD1" => rng.Chance(0.25) ? "MXN" : "USD",
        "USNYC1" => rng.Chance(0.12) ? "EUR" : "USD",
        _ => rng.Chance(0.03) ? "EUR" : "USD",
    };

    /// <summary>An amount drawn in USD, expressed in <paramref name="currency"/>.</summary>
    public static double FromUsd(double usd, string currency) => currency switch
    {
        "EUR" => usd / UsdPerEur,
        "MXN" => usd / UsdPerMxn,
        _ => usd,
    };
}
