using Parquet.Meta;
using PmmEtl.Publish.Schema;

namespace PmmEtl.Publish.Verify;

/// <summary>
/// Compares a file's Parquet schema with the one its schema version promises: flat, the same columns in the same
/// order, each with its physical type, logical type and nullability.
/// </summary>
internal static class SchemaCheck
{
    public static IEnumerable<string> Differences(IReadOnlyList<SchemaElement> schema, IReadOnlyList<PublishedColumn> expected)
    {
        if (schema.Count == 0)
        {
            yield return "the file has no schema";
            yield break;
        }

        SchemaElement[] leaves = [.. schema.Skip(1)];
        if (schema[0].NumChildren != leaves.Length || leaves.Any(l => l.NumChildren is > 0))
        {
            yield return "the schema is not flat (nested or group columns)";
            yield break;
        }

        string[] actualNames = [.. leaves.Select(l => l.Name)];
        string[] expectedNames = [.. expected.Select(c => c.Name)];
        if (!actualNames.SequenceEqual(expectedNames, StringComparer.Ordinal))
        {
            string missing = string.Join(", ", expectedNames.Except(actualNames, StringComparer.Ordinal));
            string extra = string.Join(", ", actualNames.Except(expectedNames, StringComparer.Ordinal));
            yield return $"columns differ from the schema: missing [{missing}], unexpected [{extra}]"
                + (missing.Length == 0 && extra.Length == 0 ? " (same columns, another order)" : "");
            yield break;
        }

        for (int i = 0; i < leaves.Length; i++)
        {
            string actual = Describe(leaves[i]);
            string wanted = Describe(expected[i]);
            if (actual != wanted)
            {
                yield return $"column '{expected[i].Name}' is {actual}, expected {wanted}";
            }
        }
    }

    public static string Describe(PublishedColumn column) => column.Type switch
    {
        ColumnType.Text => "BYTE_ARRAY STRING",
        ColumnType.Date => "INT32 DATE",
        ColumnType.Double => "DOUBLE",
        ColumnType.Int64 => "INT64",
        ColumnType.Boolean => "BOOLEAN",
        _ => "INT64 TIMESTAMP(UTC, MILLIS)",
    } + (column.Nullable ? " OPTIONAL" : " REQUIRED");

    public static string Describe(SchemaElement element)
    {
        string physical = element.Type?.ToString() ?? "GROUP";
        LogicalType? logical = element.LogicalType;
        string annotation =
            logical?.STRING is not null || element.ConvertedType == ConvertedType.UTF8 ? " STRING"
            : logical?.DATE is not null || element.ConvertedType == ConvertedType.DATE ? " DATE"
            : logical?.TIMESTAMP is { } ts ? $" TIMESTAMP({(ts.IsAdjustedToUTC ? "UTC" : "local")}, {(ts.Unit.MILLIS is not null ? "MILLIS" : ts.Unit.MICROS is not null ? "MICROS" : "NANOS")})"
            : element.ConvertedType == ConvertedType.TIMESTAMP_MILLIS ? " TIMESTAMP(UTC, MILLIS)"
            : logical?.DECIMAL is not null || element.ConvertedType == ConvertedType.DECIMAL ? " DECIMAL"
            // A signed 64-bit INTEGER annotation (or INT_64) says nothing more than INT64 itself.
            : "";
        string repetition = element.RepetitionType switch
        {
            FieldRepetitionType.OPTIONAL => " OPTIONAL",
            FieldRepetitionType.REPEATED => " REPEATED",
            _ => " REQUIRED",
        };
        return physical + annotation + repetition;
    }
}
