using BenchmarkDotNet.Attributes;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Time;
using PmmEtl.Normalise;

namespace PmmEtl.Benchmarks;

/// <summary>
/// The per-row hot path of a load: parsing local times, resolving them in the office's zone, and normalising a
/// whole declaration. A national year is tens of millions of these, so each nanosecond here is seconds there.
/// </summary>
[MemoryDiagnoser]
public class NormaliseBenchmarks
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private readonly LocalTimeResolver _resolver = new(DstPolicy.Default);
    private ZoneTimeResolver _newYork = null!;
    private DeclarationNormaliser _normaliser = null!;
    private RawDeclaration _row = null!;
    private RawDeclaration _csvRow = null!;

    [GlobalSetup]
    public void Setup()
    {
        _newYork = _resolver.For(NewYork);
        var office = new OfficeDefinition { Code = "USNYC1", Name = "NYC", OfficeType = "SEAPORT", Country = "US", Zone = NewYork, MainEntry = true, MainExit = true };
        _normaliser = new DeclarationNormaliser([office], _resolver);
        _row = new RawDeclaration
        {
            SourceName = "bench", RowNumber = 1, DeclarationId = "25USNYC1IM0000001", DeclarationType = "IMPORT", OfficeCode = "USNYC1",
            BusinessDate = "2025-06-02", ModeOfTransport = "SEA", ControlChannel = "RED", TraderId = "T1", Aeo = "1", PreArrival = "0",
            Ecommerce = "0", RiskLevel = "LOW", SubmissionChannel = "EDI", ImmediateRelease = "0",
            ArrivalLocal = "2025-06-02 08:00:00", LodgedLocal = "2025-06-02 09:10:00", OgaPermitLocal = "2025-06-02 11:00:00",
            InspectionStartLocal = "2025-06-02 12:00:00", InspectionEndLocal = "2025-06-02 13:30:00", ClearedLocal = "2025-06-02 14:00:00",
            ReleasedLocal = "2025-06-02 14:20:00",
        };

        // The same row as the CSV reader hands it over: its well-formed times already read, no time text.
        _csvRow = new RawDeclaration
        {
            SourceName = _row.SourceName, RowNumber = 1, DeclarationId = _row.DeclarationId, DeclarationType = _row.DeclarationType,
            OfficeCode = _row.OfficeCode, BusinessDate = _row.BusinessDate, ModeOfTransport = _row.ModeOfTransport,
            ControlChannel = _row.ControlChannel, TraderId = _row.TraderId, Aeo = _row.Aeo, PreArrival = _row.PreArrival,
            Ecommerce = _row.Ecommerce, RiskLevel = _row.RiskLevel, SubmissionChannel = _row.SubmissionChannel, ImmediateRelease = _row.ImmediateRelease,
            ArrivalLocalTime = Read(_row.ArrivalLocal), LodgedLocalTime = Read(_row.LodgedLocal), OgaPermitLocalTime = Read(_row.OgaPermitLocal),
            InspectionStartLocalTime = Read(_row.InspectionStartLocal), InspectionEndLocalTime = Read(_row.InspectionEndLocal),
            ClearedLocalTime = Read(_row.ClearedLocal), ReleasedLocalTime = Read(_row.ReleasedLocal),
        };
    }

    private static LocalTimeText Read(string? text) =>
        IsoLocalText.ParseDateTime(text, out LocalDateTime value, out char separator) == IsoLocalShape.Valid
            ? LocalTimeText.FromValue(value, separator)
            : throw new ArgumentException($"not a fixed-width time: {text}");

    [Benchmark]
    public bool ParseLocalTime() => LocalTimeParser.TryParse("2025-06-02 14:20:00", out _);

    [Benchmark]
    public Instant? ResolveInZone() => _resolver.Resolve(new LocalDateTime(2025, 6, 2, 14, 20), NewYork).Instant;

    /// <summary>The same through the office zone's resolver, which remembers the DST-free stretch the time falls in.</summary>
    [Benchmark]
    public Instant? ResolveInRememberedZone() => _newYork.Resolve(_june).Instant;

    private readonly LocalDateTime _june = new(2025, 6, 2, 14, 20);

    [Benchmark]
    public NormalisedDeclaration? NormaliseDeclaration() => _normaliser.Normalise(_row).Declaration;

    /// <summary>The same declaration as a CSV source gives it (times read by the reader).</summary>
    [Benchmark]
    public NormalisedDeclaration? NormaliseCsvDeclaration() => _normaliser.Normalise(_csvRow).Declaration;
}
