using PmmEtl.Core.Stages;
using PmmEtl.Publish.Audiences;
using PmmEtl.Publish.Layout;
using PmmEtl.Publish.Manifest;
using PmmEtl.Publish.Reading;
using PmmEtl.Publish.Schema;
using PmmEtl.Reports;

namespace PmmEtl.Publish;

/// <summary>
/// What the workbook and the HTML report of a version show: the audience's rows of the year, and the same
/// audience's other years from their latest versions (the previous year beside each value, every year for the trend).
/// </summary>
internal static class PublicationDocuments
{
    /// <summary>The documents' data: this audience's rows, and its earlier years from their latest versions.</summary>
    public static async Task<PublicationReport> ReportAsync(
        SnapshotLayout layout, SnapshotRequest request, AudienceContent content, int version, int? supersedes,
        ManifestChanges? changes, CancellationToken cancellationToken)
    {
        var history = new List<HistoryValue>();
        List<ReportValue> previousYear = [];
        foreach (int year in layout.Years().Where(y => y != request.Year))
        {
            SnapshotLayout other = layout.ForYear(year);
            if (other.LatestVersion() is not { } latest)
            {
                continue;
            }

            List<PublishedValue> rows = await PublishedValuesReader.ReadAsync(
                Path.Combine(other.VersionFolder(latest), PublishedSchema.ValuesFile), cancellationToken).ConfigureAwait(false);
            if (year == request.Year - 1)
            {
                previousYear = [.. rows.Select(ToReport)];
            }

            history.AddRange(rows.Select(ToReport).Where(r => r.IsYearly).Select(r => new HistoryValue(year, SnapshotLayout.VersionName(latest), r)));
        }

        return new PublicationReport
        {
            Pipeline = request.Pipeline,
            Year = request.Year,
            Version = version,
            Audience = AudienceRules.FolderName(content.Audience),
            Supersedes = supersedes is { } s ? SnapshotLayout.VersionName(s) : null,
            CreatedAt = request.CreatedAt,
            RunId = request.RunId,
            CatalogueVersion = request.CatalogueVersion,
            TzdbVersion = request.TzdbVersion,
            DstPolicy = request.DstPolicy,
            SourceWindow = request.SourceWindow,
            SuppressBelow = content.SuppressBelow,
            Values = [.. content.Values.Select(ToReport)],
            PreviousYear = previousYear,
            History = history,
            Distribution = [.. content.Bins.Select(b => new ReportBin(b.Bin.KpiCode, b.Bin.Bin, b.Bin.LowerMinutes, b.Bin.UpperMinutes, b.Count))],
            Exclusions = content.Exclusions ?? [],
            Changes = changes is null ? null : (changes.ValuesAdded, changes.ValuesRemoved, changes.ValuesChanged),
        };
    }

    private static ReportValue ToReport(PublishedValue row) => new(row.Value, row.Suppressed);
}
