namespace PmmEtl.Jobs.Checking;

/// <summary>What <c>pmm-etl check</c> found: per record type the source gives, its fields and rejects; and the problems that make it exit 1.</summary>
public sealed record CheckReport(string Pipeline, string SourceKind, long? Sample, double MaxQuarantinePercent)
{
    public required IReadOnlyList<RecordTypeCheck> RecordTypes { get; init; }

    /// <summary>Record types the pipeline's KPIs read that the source does not give, with where they would be configured and what they block.</summary>
    public required IReadOnlyList<MissingRecordType> NotGiven { get; init; }

    /// <summary>Why the check fails (a type unreadable, a quarantine share over the limit); empty: clean.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    public bool Clean => Problems.Count == 0;
}

/// <summary>One record type as the first records of the source show it.</summary>
public sealed record RecordTypeCheck(string RecordType, string Where)
{
    public long Read { get; init; }
    public long Accepted { get; init; }
    public long Rejected { get; init; }

    /// <summary>Rejected records per kind of reason ("arrival_local: unparsable time"), largest first.</summary>
    public IReadOnlyDictionary<string, long> RejectReasons { get; init; } = new Dictionary<string, long>();

    /// <summary>Up to three rejected records as a person reads them (file, line, key, every reason).</summary>
    public IReadOnlyList<string> RejectExamples { get; init; } = [];

    public IReadOnlyList<FieldCheck> Fields { get; init; } = [];

    /// <summary>What the source counted while reading (WCO times without formatCode, default office used …).</summary>
    public IReadOnlyDictionary<string, long> SourceCounts { get; init; } = new Dictionary<string, long>();

    /// <summary>Codes outside a field's list loaded as its catch-all member ("declaration_type 'ZZ' as OTHER").</summary>
    public IReadOnlyDictionary<string, long> LoadedAsOther { get; init; } = new Dictionary<string, long>();

    /// <summary>Why the type could not be read (its mapping does not fit the files or the query); null when it was.</summary>
    public string? Error { get; init; }

    public double RejectedPercent => Read == 0 ? 0 : 100.0 * Rejected / Read;
}

/// <summary>One canonical field: where it comes from, how often it is empty or refused, and what it keeps from being measured.</summary>
public sealed record FieldCheck(string Field, string Presence, string Source)
{
    /// <summary>Accepted records of the sample without a value, as the warehouse would hold them (after maps, defaults and what the normaliser fills in).</summary>
    public long Nulls { get; init; }
    public double NullPercent { get; init; }

    /// <summary>Rejected records naming this field among their reasons.</summary>
    public long Rejects { get; init; }

    /// <summary>KPI values not measurable because of this field ("K04 total"), with the note a run would publish.</summary>
    public IReadOnlyList<string> NotMeasurable { get; init; } = [];

    /// <summary>For a field given but mostly empty (<see cref="CheckOptions.MostlyNullPercent"/>): the KPI values that rest on it.</summary>
    public IReadOnlyList<string> AtRisk { get; init; } = [];

    /// <summary>For an absent or date-only field: the note a run publishes for the first value it blocks.</summary>
    public string? Note { get; init; }
}

/// <summary>A record type the pipeline's KPIs read that the source does not give.</summary>
public sealed record MissingRecordType(string RecordType, string Where, IReadOnlyList<string> NotMeasurable);
