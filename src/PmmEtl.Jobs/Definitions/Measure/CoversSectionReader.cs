using NodaTime;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Records;
using PmmEtl.Extract.Definitions;
using YamlDotNet.RepresentationModel;

namespace PmmEtl.Jobs.Definitions.Measure;

/// <summary>
/// <c>covers:</c> — the periods the administration declares a record type complete for:
/// <code>
/// covers:
///   training: { from: 2023-01-01, to: 2026-01-01 }   # to is exclusive; whole months
/// </code>
/// Without it a type covers only the months in which it holds records, so a month without any is "not measurable",
/// never 0. With it, a month inside the declared interval and without records is a true zero: a register whose zero
/// is meaningful (no course given, no disciplinary case) says so here, once, where a reviewer can see it.
/// </summary>
internal static class CoversSectionReader
{
    public static IReadOnlyDictionary<string, DeclaredCoverage> Read(YamlNodeReader? covers)
    {
        var declared = new Dictionary<string, DeclaredCoverage>(StringComparer.Ordinal);
        if (covers is null)
        {
            return declared;
        }

        foreach (var (keyNode, value) in covers.Node.Children)
        {
            if (covers.KeyText(keyNode) is not { } type)
            {
                continue;
            }

            if (RecordTypes.Find(type) is null)
            {
                covers.Problem(keyNode, type, $"not a record type (expected one of: {string.Join(", ", RecordTypes.All.Select(t => t.Name))})");
                continue;
            }

            if (value is not YamlMappingNode mapping)
            {
                covers.Problem(value, type, "expected { from: yyyy-MM-dd, to: yyyy-MM-dd } (to exclusive)");
                continue;
            }

            YamlNodeReader interval = covers.Child(mapping, covers.Key(type));
            interval.OnlyKeys("from", "to");
            LocalDate? from = interval.Date("from", required: true);
            LocalDate? to = interval.Date("to", required: true);
            if (from is null || to is null)
            {
                continue;
            }

            var coverage = new DeclaredCoverage(from.Value, to.Value);
            if (!coverage.Months().Any())
            {
                interval.Problem(mapping, "to", $"{from:yyyy-MM-dd} to {to:yyyy-MM-dd} (exclusive) holds no whole month: coverage is declared by month");
                continue;
            }

            declared[type] = coverage;
        }

        return declared;
    }
}
