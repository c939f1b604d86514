using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Stages;

/// <summary>Identity of one run; every log line, warehouse row and manifest of the run carries its id.</summary>
public sealed record RunContext(string RunId, string Pipeline, Instant StartedAt, ExtractWindow Window);

/// <summary>Extract: streams raw declarations of a window, one at a time. Nothing holds a whole table.</summary>
public interface IDeclarationSource
{
    IEnumerable<RawDeclaration> ReadDeclarations(ExtractWindow window, CancellationToken cancellationToken);
}

/// <summary>Normalise: turns one raw row into a canonical declaration, or says why it cannot.</summary>
public interface IDeclarationNormaliser
{
    NormaliseResult Normalise(RawDeclaration raw);
}

public readonly record struct NormaliseResult(NormalisedDeclaration? Declaration, QuarantineEntry? Quarantine);

/// <summary>Load: one window's rows into the warehouse; nothing is visible until <see cref="Commit"/>.</summary>
public interface IDeclarationLoad : IDisposable
{
    void Add(NormalisedDeclaration declaration);
    void Quarantine(QuarantineEntry entry);
    LoadResult Commit();
}

public sealed record LoadResult(long Loaded, long Quarantined, long Replaced, IReadOnlyList<int> YearsTouched);

/// <summary>Publish: writes a snapshot of KPI values somewhere readers can take it from.</summary>
public interface ISnapshotPublisher
{
    PublishedSnapshot Publish(SnapshotRequest request, IKpiValueReader values);
}
