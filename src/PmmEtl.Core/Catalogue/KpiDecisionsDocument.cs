using System.Text;

namespace PmmEtl.Core.Catalogue;

/// <summary>
/// docs/kpi-decisions.md, generated from the catalogue so that each reading of the source text is written once: every
/// entry's <see cref="KpiDefinition.Decision"/> and printed formula, and each section's preface and shared decisions,
/// come from the section's file under <c>Areas/</c>; only the introduction and the rules every entry shares are here.
/// <c>pmm-etl kpis --decisions-markdown</c> prints it, and a test fails when the committed file differs.
/// </summary>
public static class KpiDecisionsDocument
{
    private const string Introduction = """
        # How each KPI reads the source documents

        The PMM "Detailed list of KPIs" (v.1) and the e-commerce FoS questionnaire are the authority
        (`shared/seeds/`); the catalogue cards summarise them. Where the printed text is garbled or contradicts
        itself, PmmEtl computes the intended value as the KPI (`variant = pmm`) and, where a printed formula gives a
        different number, publishes it beside it with its own label. The definitions live in
        `src/PmmEtl.Core/Catalogue/Areas/` (one file per PMM area, one for the WCO-tool KPIs, one for FoS); `pmm-etl kpis`
        lists them, and every snapshot carries them as `kpi_catalogue.parquet`.

        This file is generated from the catalogue: `pmm-etl kpis --decisions-markdown > docs/kpi-decisions.md`. A
        section's table gives first the decisions several of its entries share, then each entry's own decision (entries
        with the same decision share a row). Edit the catalogue (or, for the introduction and the shared rules,
        `src/PmmEtl.Core/Catalogue/KpiDecisionsDocument.cs`), not this file: a test fails when the two differ.
        """;

    private const string SharedRules = """
        ## Rules shared by every record-based and officer-given entry

        - **No value is ever a silent 0.** A null value always comes with a note starting "not measurable:" that says
          why: no records of a register loaded, no answers for the year, B = 0, year t−1 missing (a register with
          records, but none dated in t−1, is a missing year, not a year of zero), a year of K19's three missing.
        - **Coverage.** Every dated record type a value reads must cover the value's period: the population's own type,
          every register its conditions look into (K25's seizures behind its inspections, K12's inspections, the seizure
          items behind a category), a variable's register when it counts records dated in the period, and the linked
          register of K41's shares. By default a type covers the months in which it holds records, so a period without any
          is "not measurable: no <type> records for <period>", in every variant and every breakdown, never 0 and never a
          value from other years. A register whose zero is meaningful is declared complete in the pipeline
          (`covers: { training: { from: 2023-01-01, to: 2026-01-01 } }`, whole months, `to` exclusive); there a month
          without records is a true zero. Registers read as inventories (the service catalogue) or by validity interval
          (AEO authorisations, staff) are read whole, not by period. A register consulted only where the source gives it
          (K12's inspections on shipments) is required to cover the period only where it is given.
        - **Provisional periods.** A value whose period had not ended at the run's data cut-off is published with
          `provisional = true` and a note: the period's last day is on or after the run's date, or its last month lies
          beyond the last month of data the warehouse holds (over every dated record type: a sparse register's quiet month is not missing data) (K41's financial year 2025-26 measured from
          July–December 2025). A later version changing a provisional value is expected; one changing or removing a value
          published as final is a **revision**, counted as `final_values_revised` in the manifest's changes, each marked
          `revision = revised_final`, and reported by the run as a warning.
        - **`numerator` and `denominator` mean one thing per formula kind.** Ratios — (A/B)×100, K21's A/(A+B) and its
          printed (A+B)/B, the variations and the checklists (yes answers over items) — publish A and B as they enter the
          formula, so that periods can be summed and the formula applied again; sums of amounts (K03's USD, FOS-5.D, FOS-7.B)
          are published in whole units and the value is computed from those whole units, so it always follows from the two
          columns. K19's three-year share publishes A only (its B is three years). Means publish neither: a mean of shares
          (K09, K41) and the value of a mean, a count or an amount (FOS-5.B, K08, the FoS counts and entered figures) have
          null numerator and denominator, never a rounded A; the mean durations give their sum in `sum_minutes` and N in
          `n`. The WCO-tool scores (K50, K51), means of whole answers, publish their sum and N.
        - **N** is the number of records behind the denominator (behind A when there is no B; both parts for K21's share):
          for distinct counts (K02 operators, K17 importers) it counts the rows, which can exceed B. Small-count
          suppression rests on N, never on an amount (K03's B is a value in USD).
        - **Entered values** (`inputs.aggregates`) replace what records give for exactly their cell (KPI, variable,
          period, breakdown value), and the row cites the file and line. A figure is entered once for the period it is
          about: A and B of a variation, and B, B1 and B2 of K19, read one quantity in different years, so `K45,A,2024`
          also serves as B of 2025, and `K19,B,2022` as B1 of 2023 and B2 of 2024.
        - **Years measured** are those of the dated records loaded, of the officer-given inputs and of declared coverage (`covers:`), plus the financial
          years that start in an earlier calendar year (K41). A source that carries t−1 and t−2 for the variations and
          K19 therefore also publishes those years, mostly "not measurable": the earlier years' own t−1 is absent.
        - **Questionnaire entries are never suppressed**: their counts are criteria and tools, not people or records.
        """;

    /// <summary>The whole document for <paramref name="areas"/> (the catalogue's sections), with "\n" line ends.</summary>
    public static string Render(IReadOnlyList<CatalogueArea> areas)
    {
        var md = new StringBuilder();
        md.Append(Introduction).Append("\n\n").Append(SharedRules).Append('\n');
        foreach (CatalogueArea area in areas)
        {
            md.Append("\n## ").Append(area.Name).Append(" (").Append(area.Entries[0].Code).Append('–').Append(area.Entries[^1].Code).Append(")\n\n");
            md.Append("Definitions in `src/PmmEtl.Core/Catalogue/Areas/").Append(area.SourceFile).Append("`.");
            if (area.Preface is not null)
            {
                md.Append(' ').Append(area.Preface);
            }

            md.Append("\n\n| entry | printed formula | decision |\n|---|---|---|\n");
            foreach (SharedDecision shared in area.SharedDecisions)
            {
                Row(md, shared.Subject, "", shared.Text);
            }

            // Entries that read the text the same way (the FoS levels, K50 and K51) share one row.
            foreach (IGrouping<string, KpiDefinition> same in area.Entries.Where(k => k.Decision is not null).GroupBy(k => k.Decision!, StringComparer.Ordinal))
            {
                string printed = string.Join("; ", same.Select(k => $"`{k.PrintedFormula}`").Distinct(StringComparer.Ordinal));
                Row(md, string.Join(", ", same.Select(k => k.Code)), printed, same.Key);
            }
        }

        return md.ToString().ReplaceLineEndings("\n");
    }

    private static void Row(StringBuilder md, string subject, string printed, string decision) =>
        md.Append("| ").Append(Cell(subject)).Append(" | ").Append(Cell(printed)).Append(" | ").Append(Cell(decision)).Append(" |\n");

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
