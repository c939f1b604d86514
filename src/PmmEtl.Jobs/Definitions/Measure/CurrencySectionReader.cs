using System.Globalization;
using System.Text.RegularExpressions;
using PmmEtl.Extract.Definitions;
using YamlDotNet.RepresentationModel;

namespace PmmEtl.Jobs.Definitions.Measure;

/// <summary><c>currency.usd_rates</c>: USD per unit of each currency (ISO 4217 codes); USD is 1 by definition.</summary>
internal static partial class CurrencySectionReader
{
    public static Dictionary<string, double> Read(YamlNodeReader? c)
    {
        var rates = new Dictionary<string, double>(StringComparer.Ordinal) { ["USD"] = 1.0 };
        if (c is null)
        {
            return rates;
        }

        c.OnlyKeys("usd_rates");
        if (c.Mapping("usd_rates", required: false) is not { } map)
        {
            return rates;
        }

        foreach (var (keyNode, value) in map.Node.Children)
        {
            string currency = (keyNode as YamlScalarNode)?.Value ?? "";
            string? text = (value as YamlScalarNode)?.Value;
            if (!CurrencyCode().IsMatch(currency))
            {
                map.Problem(keyNode, currency, "not an ISO 4217 currency code (three upper-case letters, e.g. EUR)");
                continue;
            }

            if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate)
                || !double.IsFinite(rate) || rate <= 0)
            {
                map.Problem(value, currency, $"expected a positive number of USD per {currency}, got '{text}'");
                continue;
            }

            if (currency == "USD" && rate != 1.0)
            {
                map.Problem(value, currency, $"USD is 1 USD by definition, got {text}");
                continue;
            }

            rates[currency] = rate;
        }

        return rates;
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
