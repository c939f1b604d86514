using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Time;
using PmmEtl.Extract.Files;

namespace PmmEtl.Extract.Csv;

/// <summary>One canonical field of a CSV source, compiled once: where its text comes from and how it is reformatted.</summary>
public sealed class CsvFieldPlan
{
    private CsvFieldPlan(string field, Action<RawDeclaration, string?> set, CsvColumnMapping mapping, CsvFieldKind kind, TimeText? time, DateText? date, bool timeAsIs)
    {
        Field = field;
        Set = set;
        Mapping = mapping;
        Kind = kind;
        Time = time;
        Date = date;
        Map = mapping.Map is { Count: > 0 } map ? new CodeMap(map) : null;
        SetTime = kind == CsvFieldKind.Time && mapping.Constant is null && Map is null && timeAsIs ? TimeSetter(field) : null;
        Pool = kind != CsvFieldKind.Time && field != DeclarationFields.DeclarationId ? new CsvStringPool() : null;
    }

    public string Field { get; }
    public Action<RawDeclaration, string?> Set { get; }
    public CsvColumnMapping Mapping { get; }
    public CsvFieldKind Kind { get; }
    public TimeText? Time { get; }
    public DateText? Date { get; }
    public CodeMap? Map { get; }

    /// <summary>
    /// For a time column whose text reaches the normaliser unchanged (no constant, code map, pattern or offset): stores
    /// a cell of the fixed-width ISO shape as the value read straight from the reader's buffer, with no string.
    /// </summary>
    public Action<RawDeclaration, LocalTimeText>? SetTime { get; }

    /// <summary>The strings of a column whose values repeat (every text column but the declaration id, which is unique).</summary>
    public CsvStringPool? Pool { get; }

    /// <summary>The canonical fields named in the mapping, in the canonical order; unknown names are refused.</summary>
    public static IReadOnlyList<CsvFieldPlan> Compile(CsvSourceSettings settings)
    {
        var plans = new List<CsvFieldPlan>();
        if (settings.Columns.Keys.FirstOrDefault(k => DeclarationFields.All.All(f => f.Name != k)) is { } unknown)
        {
            throw new SourceConfigurationException($"source.csv.columns.{unknown}: not a canonical field");
        }

        foreach ((string name, _, Action<RawDeclaration, string?> set) in DeclarationFields.All)
        {
            if (!settings.Columns.TryGetValue(name, out CsvColumnMapping? mapping))
            {
                continue;
            }

            CsvFieldKind kind = KindOf(name);
            string? timeFormat = mapping.Format ?? settings.TimeFormat;
            Offset? offset = mapping.Offset ?? settings.Offset;
            plans.Add(new CsvFieldPlan(name, set, mapping, kind,
                kind == CsvFieldKind.Time ? TimeText.Create(timeFormat, offset) : null,
                kind == CsvFieldKind.Date ? DateText.Create(mapping.Format ?? settings.DateFormat) : null,
                // Without a pattern or an offset the time text passes to the normaliser as it is, only trimmed.
                timeAsIs: timeFormat is null && offset is null));
        }

        return plans;
    }

    private static Action<RawDeclaration, LocalTimeText> TimeSetter(string field) => field switch
    {
        DeclarationFields.ArrivalLocal => static (r, t) => r.ArrivalLocalTime = t,
        DeclarationFields.LodgedLocal => static (r, t) => r.LodgedLocalTime = t,
        DeclarationFields.OgaPermitLocal => static (r, t) => r.OgaPermitLocalTime = t,
        DeclarationFields.InspectionStartLocal => static (r, t) => r.InspectionStartLocalTime = t,
        DeclarationFields.InspectionEndLocal => static (r, t) => r.InspectionEndLocalTime = t,
        DeclarationFields.ClearedLocal => static (r, t) => r.ClearedLocalTime = t,
        DeclarationFields.ReleasedLocal => static (r, t) => r.ReleasedLocalTime = t,
        DeclarationFields.LoadedLocal => static (r, t) => r.LoadedLocalTime = t,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a local time field"),
    };

    public static CsvFieldKind KindOf(string field) => field == DeclarationFields.BusinessDate ? CsvFieldKind.Date
        : field.EndsWith("_local", StringComparison.Ordinal) ? CsvFieldKind.Time
        : CsvFieldKind.Text;

    /// <summary>The canonical text of one cell (null when empty), or null with the reason it was refused.</summary>
    public string? Convert(string? cell, out string? error)
    {
        error = null;
        string? value = Mapping.Constant ?? (string.IsNullOrWhiteSpace(cell) ? null : cell);
        if (value is not null && Map is not null)
        {
            if (Map.TryMap(value, out string mapped))
            {
                value = mapped;
            }
            else if (Mapping.Default is not null)
            {
                value = Mapping.Default;
            }
        }

        value ??= Mapping.Default;
        if (value is null)
        {
            return null;
        }

        return Kind switch
        {
            CsvFieldKind.Time => Time!.Reformat(value, out error),
            CsvFieldKind.Date => Date!.Reformat(value, out error),
            _ => value,
        };
    }
}
