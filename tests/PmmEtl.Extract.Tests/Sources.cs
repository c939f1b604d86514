using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;
using PmmEtl.Normalise;

namespace PmmEtl.Extract.Tests;

/// <summary>Reads a source definition to the end, and normalises rows with the fixture offices (NYC New York, ORD Chicago).</summary>
public static class Sources
{
    public static IReadOnlyList<OfficeDefinition> Offices { get; } =
    [
        new() { Code = "NYC", Name = "New York", OfficeType = "SEAPORT", Country = "US", Zone = DateTimeZoneProviders.Tzdb["America/New_York"], MainEntry = true, MainExit = true },
        new() { Code = "ORD", Name = "Chicago", OfficeType = "LAND_BORDER", Country = "US", Zone = DateTimeZoneProviders.Tzdb["America/Chicago"], MainEntry = true },
    ];

    public static List<RawDeclaration> Read(SourceDefinition source) =>
        DeclarationSources.Create(source, "test").ReadDeclarations(ExtractWindow.Everything, CancellationToken.None).ToList();

    public static SourceDefinition Csv(CsvSourceSettings settings) =>
        new() { Kind = "csv", ConnectionString = "", Queries = new Dictionary<string, string>(), Csv = settings };

    public static SourceDefinition Wco(WcoXmlSourceSettings settings) =>
        new() { Kind = "wco-xml", ConnectionString = "", Queries = new Dictionary<string, string>(), Wco = settings };

    public static NormaliseResult Normalise(RawDeclaration raw) =>
        new DeclarationNormaliser(Offices, new LocalTimeResolver(DstPolicy.Default)).Normalise(raw);

    public static NormalisedDeclaration Loaded(RawDeclaration raw)
    {
        NormaliseResult result = Normalise(raw);
        Assert.True(result.Declaration is not null, $"row {raw.RowNumber} was refused: {result.Quarantine}");
        return result.Declaration!;
    }
}
