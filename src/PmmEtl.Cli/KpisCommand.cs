using System.CommandLine;
using PmmEtl.Cli.Kpis;
using PmmEtl.Core.Catalogue;

namespace PmmEtl.Cli;

/// <summary>
/// <c>pmm-etl kpis</c>: the whole catalogue as the program implements it, the PMM KPIs and the FoS entries, filtered
/// by area, input kind and family; a table by default, or every field as CSV or JSON. Exit 2 on a bad filter.
/// With <c>--decisions-markdown</c>, docs/kpi-decisions.md as the catalogue generates it.
/// </summary>
internal static class KpisCommand
{
    public static Command Create()
    {
        var area = new Option<string?>("--area")
        {
            Description = "I, II, III, IV (the PMM areas), tools (the WCO-tool KPIs), fos (the FoS entries), or part of an area's name",
        };
        var input = new Option<string?>("--input") { Description = $"Input kind: {string.Join(", ", CatalogueFilter.Inputs)}" };
        var family = new Option<string?>("--family") { Description = $"{string.Join(" or ", CatalogueFilter.Families)}" };
        var format = new Option<string>("--format")
        {
            Description = "table (default), csv or json: csv and json give every field, as in kpi_catalogue.parquet",
            DefaultValueFactory = _ => "table",
        };
        var decisions = new Option<bool>("--decisions-markdown")
        {
            Description = "Print docs/kpi-decisions.md as the catalogue generates it (how every entry reads the source text); takes no filter or format",
        };
        var command = new Command("kpis", "List the KPI catalogue (PMM KPIs and FoS indicators): code, name, area, input, formula, unit, periodicity, disclosure.")
        {
            area, input, family, format, decisions,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(decisions))
            {
                if (parse.GetValue(area) is not null || parse.GetValue(input) is not null || parse.GetValue(family) is not null || parse.GetValue(format) != "table")
                {
                    Console.Error.WriteLine("--decisions-markdown prints the whole catalogue; it takes no --area, --input, --family or --format");
                    return 2;
                }

                Console.Out.Write(KpiDecisionsDocument.Render(KpiCatalogue.Areas));
                return 0;
            }

            IReadOnlyList<KpiDefinition> catalogue = KpiCatalogue.All;
            (CatalogueFilter? filter, string? error) = CatalogueFilter.Parse(parse.GetValue(area), parse.GetValue(input), parse.GetValue(family), catalogue);
            string chosen = parse.GetValue(format)!.Trim().ToLowerInvariant();
            if (error is null && !CatalogueListing.Formats.Contains(chosen))
            {
                error = $"--format '{chosen}' is not a format; use {string.Join(", ", CatalogueListing.Formats)}";
            }

            if (error is not null)
            {
                Console.Error.WriteLine(error);
                return 2;
            }

            KpiDefinition[] entries = [.. catalogue.Where(filter!.Matches)];
            switch (chosen)
            {
                case "csv":
                    CatalogueListing.Csv(Console.Out, entries);
                    break;
                case "json":
                    Console.Out.Flush();
                    using (Stream stdout = Console.OpenStandardOutput())
                    {
                        CatalogueListing.Json(stdout, entries);
                    }

                    break;
                default:
                    CatalogueListing.Table(Console.Out, entries, catalogue.Count);
                    break;
            }

            return 0;
        });
        return command;
    }
}
