using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;
using PmmEtl.Extract.Csv;
using PmmEtl.Extract.Wco;
using PmmEtl.Normalise;
using PmmEtl.Testing;

namespace PmmEtl.Extract.Tests;

/// <summary>Reads a source definition to the end, and normalises rows with the fixture offices (NYC New York, ORD Chicago).</summary>
public static class Sources
{
    public static IReadOnlyList<OfficeDefinition> Offices { get; } =
    [
        new() { Code = "NYC", Name = "New York", OfficeType = "SEAPORT", Country = "US", Zone = DateTimeZoneProviders.Tzdb["America/New_York"], MainEntry = true, MainExit = true },
        new() { Code = "ORD", Name = "Chicago", OfficeType = "LAND_BORDER", Country = "US", Zone = DateTimeZoneProviders.Tzdb["America/Chicago"], MainEntry = true },
    ];

    public static List<TestDeclaration> Read(SourceDefinition source) =>
        RecordSources.Create(source, "test").Read(RecordTypes.Declaration, ExtractWindow.Everything, CancellationToken.None).Select(TestDeclaration.From).ToList();

    /// <summary>The declarations a source gives for a window (everything by default), as tests write them.</summary>
    public static IEnumerable<TestDeclaration> Declarations(SourceDefinition source, string pipeline = "test", ExtractWindow? window = null) =>
        RecordSources.Create(source, pipeline).Read(RecordTypes.Declaration, window ?? ExtractWindow.Everything, CancellationToken.None).Select(TestDeclaration.From);

    public static SourceDefinition Csv(CsvSourceSettings settings) =>
        new() { Kind = "csv", ConnectionString = "", Queries = new Dictionary<string, string>(), Csv = settings };

    public static SourceDefinition Wco(WcoXmlSourceSettings settings) =>
        new() { Kind = "wco-xml", ConnectionString = "", Queries = new Dictionary<string, string>(), Wco = settings };

    public static NormaliseResult Normalise(TestDeclaration raw) =>
        new RecordNormaliser(Offices, new LocalTimeResolver(DstPolicy.Default), Rates.Usd).Normalise(raw);

    public static DeclarationView Loaded(TestDeclaration raw)
    {
        NormaliseResult result = Normalise(raw);
        Assert.True(result.Declaration is not null, $"row {raw.RowNumber} was refused: {result.Quarantine}");
        return result.Declaration!;
    }
}
