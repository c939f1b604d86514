using NodaTime;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// Advance rulings issued over the last four years (one per hundred declarations a year), mostly on tariff
/// classification, valid for three years: those of t − 3 expire during the demo year, a few were revoked early, and
/// some valuation rulings have no end date.
/// </summary>
internal static class BindingRulings
{
    private static readonly WeightedChoice<string> Kinds = new(("TAR", 75), ("ORI", 15), ("VAL", 10));

    public static void Generate(RegisterContext context)
    {
        Random rng = context.Random("binding_ruling");
        // Four hundred a year per 100,000 declarations; three years of validity make a stock of about 1.8 per 100 imports.
        int perYear = context.PerDeclaration(0.004, 10);
        int count = perYear * 4;
        RegisterTable table = context.Table("binding_ruling", count,
            DefectColumn.Code("ruling_kind", "XXX", "BTI"), DefectColumn.Date("issued_on", context.Year));
        var ids = new SequenceIds("AR", context.Year, 6);
        var first = new LocalDate(context.Year - 3, 1, 1);
        for (int i = 0; i < count; i++)
        {
            string kind = Kinds.Pick(rng);
            LocalDate issued = rng.DayBetween(first, context.LastDay);
            LocalDate validFrom = issued.PlusDays(rng.Next(0, 15));
            LocalDate? validUntil = kind == "VAL" && rng.Chance(0.3) ? null : validFrom.PlusYears(3).PlusDays(-1);
            LocalDate? revoked = null;
            LocalDate lastPossible = validUntil is { } u && u < context.LastDay ? u : context.LastDay;
            if (rng.Chance(0.06) && validFrom.PlusDays(30) < lastPossible)
            {
                revoked = rng.DayBetween(validFrom.PlusDays(30), lastPossible);
            }

            string chapter = (1 + rng.Next(97)).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            string hs = kind == "TAR" ? $"{chapter}{rng.Next(100):D2}.{rng.Next(100):D2}" : chapter;
            table.Text(ids.Next()).Text(kind).Text(hs).Date(issued).Date(validFrom).Date(validUntil).Date(revoked).Write();
        }
    }
}
