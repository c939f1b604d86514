using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.Publish.Reading;

/// <summary>
/// The current reader of <c>kpi_values.parquet</c> (and of the history file's value columns), for every schema
/// version: columns added after the file was written take their defaults — no name or area from the file (the
/// catalogue's are used), not suppressed, since suppression did not exist before schema 2, and no value text,
/// which schema 3 added.
/// Value sets are small (thousands of rows), so a file is returned as a list.
/// </summary>
public static class PublishedValuesReader
{
    public static async Task<List<PublishedValue>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var rows = new List<PublishedValue>();
        await foreach ((PublishedValue row, _) in ReadWithColumnsAsync(path, [], cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Rows with the extra INT64 columns <paramref name="extraInt64"/> (the history's snapshot year and version), null where absent.</summary>
    internal static async IAsyncEnumerable<(PublishedValue Row, long?[] Extra)> ReadWithColumnsAsync(
        string path, IReadOnlyList<string> extraInt64, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using ParquetColumnReader file = await ParquetColumnReader.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        for (int g = 0; g < file.RowGroupCount; g++)
        {
            using RowGroupColumns c = file.RowGroup(g);
            int n = c.RowCount;
            string?[] pipeline = await Required(c.TextAsync("pipeline", cancellationToken), "pipeline", path).ConfigureAwait(false);
            string?[] code = await Required(c.TextAsync("kpi_code", cancellationToken), "kpi_code", path).ConfigureAwait(false);
            string?[]? id = await c.TextAsync("kpi_id", cancellationToken).ConfigureAwait(false);
            string?[]? variant = await c.TextAsync("variant", cancellationToken).ConfigureAwait(false);
            string?[]? periodType = await c.TextAsync("period_type", cancellationToken).ConfigureAwait(false);
            string?[]? periodLabel = await c.TextAsync("period_label", cancellationToken).ConfigureAwait(false);
            DateTime?[]? periodStart = await c.DateTimeAsync("period_start", cancellationToken).ConfigureAwait(false);
            DateTime?[]? periodEnd = await c.DateTimeAsync("period_end", cancellationToken).ConfigureAwait(false);
            string?[]? breakdown = await c.TextAsync("breakdown", cancellationToken).ConfigureAwait(false);
            string?[]? breakdownValue = await c.TextAsync("breakdown_value", cancellationToken).ConfigureAwait(false);
            double?[]? value = await c.DoubleAsync("value", cancellationToken).ConfigureAwait(false);
            string?[]? unit = await c.TextAsync("unit", cancellationToken).ConfigureAwait(false);
            double?[]? median = await c.DoubleAsync("median", cancellationToken).ConfigureAwait(false);
            double?[]? p90 = await c.DoubleAsync("p90", cancellationToken).ConfigureAwait(false);
            double?[]? min = await c.DoubleAsync("min", cancellationToken).ConfigureAwait(false);
            double?[]? max = await c.DoubleAsync("max", cancellationToken).ConfigureAwait(false);
            double?[]? sum = await c.DoubleAsync("sum_minutes", cancellationToken).ConfigureAwait(false);
            long?[]? count = await c.Int64Async("n", cancellationToken).ConfigureAwait(false);
            long?[]? numerator = await c.Int64Async("numerator", cancellationToken).ConfigureAwait(false);
            long?[]? denominator = await c.Int64Async("denominator", cancellationToken).ConfigureAwait(false);
            long?[]? excluded = await c.Int64Async("excluded", cancellationToken).ConfigureAwait(false);
            string?[]? disclosure = await c.TextAsync("disclosure", cancellationToken).ConfigureAwait(false);
            string?[]? note = await c.TextAsync("note", cancellationToken).ConfigureAwait(false);
            string?[]? runId = await c.TextAsync("run_id", cancellationToken).ConfigureAwait(false);
            DateTime?[]? computedAt = await c.DateTimeAsync("computed_at", cancellationToken).ConfigureAwait(false);
            string?[]? name = await c.TextAsync("kpi_name", cancellationToken).ConfigureAwait(false);
            string?[]? area = await c.TextAsync("strategic_area", cancellationToken).ConfigureAwait(false);
            bool?[]? suppressed = await c.BooleanAsync("suppressed", cancellationToken).ConfigureAwait(false);
            string?[]? valueText = await c.TextAsync("value_text", cancellationToken).ConfigureAwait(false);
            bool?[]? provisional = await c.BooleanAsync("provisional", cancellationToken).ConfigureAwait(false);
            var extras = new long?[extraInt64.Count][];
            for (int e = 0; e < extraInt64.Count; e++)
            {
                extras[e] = await c.Int64Async(extraInt64[e], cancellationToken).ConfigureAwait(false) ?? new long?[n];
            }

            for (int i = 0; i < n; i++)
            {
                KpiDefinition? kpi = KpiCatalogue.Find(code[i]!);
                var kpiValue = new KpiValue
                {
                    Pipeline = pipeline[i]!,
                    KpiCode = code[i]!,
                    KpiId = id?[i] ?? kpi?.Id ?? "",
                    Variant = variant?[i] ?? "pmm",
                    PeriodType = periodType?[i] ?? "",
                    PeriodLabel = periodLabel?[i] ?? "",
                    PeriodStart = Date(periodStart?[i]),
                    PeriodEnd = Date(periodEnd?[i]),
                    Breakdown = breakdown?[i] ?? "total",
                    BreakdownValue = breakdownValue?[i] ?? "ALL",
                    Value = value?[i],
                    ValueText = valueText?[i],
                    // Files written before schema 5 have no such column: their values were published as final.
                    Provisional = provisional?[i] ?? false,
                    Unit = unit?[i] ?? kpi?.Unit ?? "",
                    Median = median?[i],
                    P90 = p90?[i],
                    Min = min?[i],
                    Max = max?[i],
                    SumMinutes = sum?[i],
                    N = count?[i] ?? 0,
                    Numerator = numerator?[i],
                    Denominator = denominator?[i],
                    Excluded = excluded?[i] ?? 0,
                    Disclosure = disclosure?[i] ?? "national",
                    Note = note?[i],
                    RunId = runId?[i] ?? "",
                    ComputedAt = computedAt?[i] is { } at ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : Instant.MinValue,
                };
                var extra = new long?[extraInt64.Count];
                for (int e = 0; e < extra.Length; e++)
                {
                    extra[e] = extras[e][i];
                }

                yield return (new PublishedValue(kpiValue, name?[i] ?? kpi?.Name, area?[i] ?? kpi?.Area, suppressed?[i] ?? false), extra);
            }
        }
    }

    private static LocalDate Date(DateTime? value) => value is { } d ? LocalDate.FromDateTime(d) : default;

    private static async Task<string?[]> Required(Task<string?[]?> column, string name, string path) =>
        await column.ConfigureAwait(false) ?? throw new InvalidDataException($"'{path}' has no column '{name}'; it is not a KPI values file.");
}
