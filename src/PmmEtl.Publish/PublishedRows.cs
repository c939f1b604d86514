using PmmEtl.Core.Records;

namespace PmmEtl.Publish;

/// <summary>
/// One row of <c>kpi_values.parquet</c> as published: the warehouse's value with the KPI's name and strategic area
/// from the catalogue, and whether small-count suppression removed its value.
/// </summary>
public sealed record PublishedValue(KpiValue Value, string? KpiName, string? StrategicArea, bool Suppressed);

/// <summary>One row of <c>kpi_distribution.parquet</c>: a histogram bin, its disclosure level and its count (null when suppressed).</summary>
public sealed record PublishedBin(KpiDistributionBin Bin, string Disclosure, long? Count, bool Suppressed);
