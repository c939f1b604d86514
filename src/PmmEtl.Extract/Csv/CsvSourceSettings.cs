using NodaTime;
using PmmEtl.Core.Pipelines;

namespace PmmEtl.Extract.Csv;

/// <summary>
/// How a folder of CSV exports maps onto one record type's canonical fields: which files, how they are delimited and
/// encoded, and for each canonical field where its value comes from (<see cref="FieldMapping"/>: a column or a
/// constant, a code map, a pattern, or absent). The <c>source.csv</c> section describes the declaration exports and is
/// the default for the others: each register exported in its own shape has a <c>source.csv.records.&lt;type&gt;</c>
/// section of the same keys, and registers exported with the canonical field names as headers can sit in one folder
/// (<see cref="RegistersPath"/>). Times stay text: a configured pattern reformats them to ISO text, local (the
/// office's zone applies in the normaliser) or with the fixed offset the pipeline gives or the data carries.
/// </summary>
public sealed record CsvSourceSettings
{
    /// <summary>A folder (read with <see cref="Files"/>) or a single file.</summary>
    public required string Path { get; init; }

    /// <summary>File-name pattern inside the folder (<c>*</c> and <c>?</c>), optionally under a relative sub-folder.</summary>
    public string Files { get; init; } = "*.csv";

    public char Delimiter { get; init; } = ',';

    public char Quote { get; init; } = '"';

    /// <summary>With a header the columns are named; without one, a mapping's column is a 1-based position.</summary>
    public bool Header { get; init; } = true;

    /// <summary>The text encoding's name (utf-8, latin1, windows-1252, …).</summary>
    public string Encoding { get; init; } = "utf-8";

    /// <summary>The NodaTime pattern of the time columns (e.g. <c>dd/MM/uuuu HH:mm</c>); null means ISO text as it is.</summary>
    public string? TimeFormat { get; init; }

    /// <summary>The NodaTime pattern of the date columns; null means ISO text as it is.</summary>
    public string? DateFormat { get; init; }

    /// <summary>A fixed UTC offset for every local time of the export; null means the office's local time (its zone).</summary>
    public Offset? Offset { get; init; }

    /// <summary>A field longer than this is refused (the row goes to quarantine).</summary>
    public int MaxFieldChars { get; init; } = 10_000;

    /// <summary>A record longer than this (an unclosed quote, a runaway field) is refused and reading resumes on the next line.</summary>
    public int MaxRecordChars { get; init; } = 1 << 20;

    /// <summary>Canonical field name → where its value comes from; an unmapped field is absent.</summary>
    public required IReadOnlyDictionary<string, FieldMapping> Columns { get; init; }

    /// <summary>
    /// The folder of register exports with canonical headers (<c>source.csv.registers</c>): one <c>&lt;register&gt;.csv</c>
    /// per register, its header the canonical field names (a field without a column is absent), read with this source's
    /// delimiter, quote, encoding and limits. Null: none.
    /// </summary>
    public string? RegistersPath { get; init; }

    /// <summary>Registers exported in their own shape (<c>source.csv.records.&lt;type&gt;</c>), by record type: files and mapping of each.</summary>
    public IReadOnlyDictionary<string, CsvSourceSettings> Records { get; init; } = new Dictionary<string, CsvSourceSettings>();
}
