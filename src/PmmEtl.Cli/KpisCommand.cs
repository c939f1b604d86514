using System.CommandLine;
using PmmEtl.Core.Catalogue;

namespace PmmEtl.Cli;

/// <summary><c>pmm-etl kpis</c>: the KPI catalogue as the program implements it.</summary>
internal static class KpisCommand
{
    public static Command Create()
    {
        var command = new Command("kpis", "List the KPIs this version computes, with formula, unit and disclosure.");
        command.SetAction(_ =>
        {
            Console.WriteLine($"KPI catalogue {KpiCatalogue.Version}");
            foreach (KpiDefinition k in KpiCatalogue.All)
            {
                Console.WriteLine($"{k.Code}  {k.Id}");
                Console.WriteLine($"      {k.Name}");
                Console.WriteLine($"      formula: {k.Formula} (printed: {k.PrintedFormula}); unit: {k.Unit}; disclosure: {k.Disclosure.ToCode()}; periodicity: {k.MinimumPeriodicity}");
                Console.WriteLine($"      breakdowns: {string.Join(", ", k.Breakdowns.Select(b => b.Kind.ToCode()))}");
                if (k.Variants.Count > 0)
                {
                    Console.WriteLine($"      variants: {string.Join(", ", k.Variants.Select(v => v.Name))}");
                }
            }

            return 0;
        });
        return command;
    }
}
