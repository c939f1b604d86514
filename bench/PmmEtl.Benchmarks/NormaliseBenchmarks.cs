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
    private RecordNormaliser _normaliser = null!;
    private RawRecord _row = null!;
    private RawRecord _csvRow = null!;

    [GlobalSetup]
    public void Setup()
    {
        _newYork = _resolver.For(NewYork);
        var office = new OfficeDefinition { Code = "USNYC1", Name = "NYC", OfficeType = "SEAPORT", Country = "US", Zone = NewYork, MainEntry = true, MainExit = true };
        _normaliser = new RecordNormaliser([office], _resolver, new Dictionary<string, double> { ["USD"] = 1.0 });
        (string Field, string Text)[] cells =
        [
            (DeclarationFields.DeclarationId, "25USNYC1IM0000001"), (DeclarationFields.DeclarationType, "IMPORT"), (DeclarationFields.OfficeCode, "USNYC1"),
            (DeclarationFields.BusinessDate, "2025-06-02"), (DeclarationFields.ModeOfTransport, "SEA"), (DeclarationFields.ControlChannel, "RED"),
            (DeclarationFields.TraderId, "T1"), (DeclarationFields.Aeo, "1"), (DeclarationFields.PreArrival, "0"), (DeclarationFields.Ecommerce, "0"),
            (DeclarationFields.RiskLevel, "LOW"), (DeclarationFields.SubmissionChannel, "EDI"), (DeclarationFields.ImmediateRelease, "0"),
        ];
        (string Field, string Text)[] times =
        [
            (DeclarationFields.ArrivalLocal, "2025-06-02 08:00:00"), (DeclarationFields.LodgedLocal, "2025-06-02 09:10:00"),
            (DeclarationFields.OgaPermitLocal, "2025-06-02 11:00:00"), (DeclarationFields.InspectionStartLocal, "2025-06-02 12:00:00"),
            (DeclarationFields.InspectionEndLocal, "2025-06-02 13:30:00"), (DeclarationFields.ClearedLocal, "2025-06-02 14:00:00"),
            (DeclarationFields.ReleasedLocal, "2025-06-02 14:20:00"),
        ];
        _row = Row(cells, times.Select(t => (t.Field, (RawValue)t.Text)));

        // The same row as the CSV reader hands it over: its well-formed times already read, no time text.
        _csvRow = Row(cells, times.Select(t => (t.Field, Read(t.Text))));
    }

    private static RawRecord Row(IEnumerable<(string Field, string Text)> cells, IEnumerable<(string Field, RawValue Value)> times)
    {
        var raw = new RawRecord(RecordTypes.Declaration, "bench", 1);
        foreach ((string field, string text) in cells)
        {
            raw[field] = text;
        }

        foreach ((string field, RawValue value) in times)
        {
            raw[RecordTypes.Declaration.IndexOf(field)] = value;
        }

        return raw;
    }

    private static RawValue Read(string text) =>
        IsoLocalText.ParseDateTime(text, out LocalDateTime value, out char separator) == IsoLocalShape.Valid
            ? RawValue.FromValue(value, separator)
            : throw new ArgumentException($"not a fixed-width time: {text}");

    [Benchmark]
    public bool ParseLocalTime() => TimeTextReader.TryParse("2025-06-02 14:20:00", out _);

    [Benchmark]
    public Instant? ResolveInZone() => _resolver.Resolve(new LocalDateTime(2025, 6, 2, 14, 20), NewYork).Instant;

    /// <summary>The same through the office zone's resolver, which remembers the DST-free stretch the time falls in.</summary>
    [Benchmark]
    public Instant? ResolveInRememberedZone() => _newYork.Resolve(_june).Instant;

    private readonly LocalDateTime _june = new(2025, 6, 2, 14, 20);

    [Benchmark]
    public RecordRow? NormaliseDeclaration() => _normaliser.Normalise(_row).Record;

    /// <summary>The same declaration as a CSV source gives it (times read by the reader).</summary>
    [Benchmark]
    public RecordRow? NormaliseCsvDeclaration() => _normaliser.Normalise(_csvRow).Record;
}
