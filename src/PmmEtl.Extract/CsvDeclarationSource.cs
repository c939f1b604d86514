using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Extract.Csv;
using PmmEtl.Extract.Files;
using PmmEtl.Extract.Threading;

namespace PmmEtl.Extract;

/// <summary>
/// Streams declarations from a folder of CSV exports, mapped column by column onto the canonical fields by the
/// pipeline (<c>source.csv</c>). Every file's header is checked against the mapping before the first row is read,
/// so a missing column fails the run before any data moves. Rows are not filtered by the window: exports hold what
/// they hold, and the runner keeps only the window's business dates (counting the rest). Parsing runs a few batches
/// ahead on its own thread (<see cref="ReadAhead"/>), so the second core normalises and loads meanwhile.
/// </summary>
public sealed class CsvDeclarationSource : IDeclarationSource
{
    private readonly CsvSourceSettings _settings;

    public CsvDeclarationSource(SourceDefinition source)
    {
        _settings = source.Csv ?? throw new InvalidOperationException("source.csv: a csv source needs its column mapping");
    }

    public IEnumerable<RawDeclaration> ReadDeclarations(ExtractWindow window, CancellationToken cancellationToken) =>
        ReadAhead.Of(ReadFiles(cancellationToken), cancellationToken);

    private IEnumerable<RawDeclaration> ReadFiles(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> files = SourceFiles.List(_settings.Path, _settings.Files);
        if (files.Count == 0)
        {
            // An export that did not arrive must not look like a quiet day.
            throw new SourceConfigurationException($"source.path: no file matches '{_settings.Files}' in {_settings.Path}");
        }

        var reader = new CsvFileReader(_settings);
        var headers = files.Select(f => (File: f, Header: reader.ReadHeader(f))).ToArray();
        foreach ((string file, CsvHeader? header) in headers)
        {
            if (header is null)
            {
                continue;
            }

            foreach (RawDeclaration raw in reader.Read(file, header, cancellationToken))
            {
                yield return raw;
            }
        }
    }
}
