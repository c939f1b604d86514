namespace PmmEtl.Core.Catalogue;

/// <summary>
/// One section of the catalogue as the seeds divide it: a PMM area, the WCO-tool KPIs, or the FoS questionnaire. Its
/// entries come in the order the source prints them; the readings several of them share are said once here, and
/// docs/kpi-decisions.md prints them before the entries' own <see cref="KpiDefinition.Decision"/>s.
/// </summary>
/// <param name="Name">The section's heading (for a PMM area, the <see cref="KpiDefinition.Area"/> of its entries).</param>
/// <param name="SourceFile">The file under <c>src/PmmEtl.Core/Catalogue/Areas/</c> that defines it.</param>
public sealed record CatalogueArea(string Name, string SourceFile, IReadOnlyList<KpiDefinition> Entries)
{
    /// <summary>What every entry of the section reads in common (its registers, its rules), said once before its table.</summary>
    public string? Preface { get; init; }

    /// <summary>Decisions that several entries share, each under the entries or the topic it covers.</summary>
    public IReadOnlyList<SharedDecision> SharedDecisions { get; init; } = [];
}

/// <summary>A reading of the source text that holds for several entries of a section (all hit rates, all time KPIs).</summary>
public sealed record SharedDecision(string Subject, string Text);
