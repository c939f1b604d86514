using NodaTime;

namespace PmmEtl.Core.Pipelines;

/// <summary>
/// How a folder of CSV exports maps onto the canonical declaration fields: which files, how they are delimited and
/// encoded, and for each canonical field the column (or constant) it comes from, with its code mapping and time format.
/// Times stay text: a configured pattern reformats them to ISO text, local (the office's zone applies in the
/// normaliser) or with the fixed offset the pipeline gives or the data carries.
/// </summary>
public sealed record CsvSourceSettings
{
    /// <summary>A folder (read with <see cref="Files"/>) or a single file.</summary>
    public required string Path { get; init; }

    /// <summary>File-name pattern inside the folder (<c>*</c> and <c>?</c>), optionally under a relative sub-folder.</summary>
    public string Files { get; init; } = "*.csv";

    public char Delimiter { get; init; } = ',';

    public char Quote { get; init; } = '"';

    /// <summary>With a header the columns are named; without one, <see cref="CsvColumnMapping.Column"/> is a 1-based position.</summary>
    public bool Header { get; init; } = true;

    /// <summary>The text encoding's name (utf-8, latin1, windows-1252, …).</summary>
    public string Encoding { get; init; } = "utf-8";

    /// <summary>The NodaTime pattern of the time columns (e.g. <c>dd/MM/uuuu HH:mm</c>); null means ISO text as it is.</summary>
    public string? TimeFormat { get; init; }

    /// <summary>The NodaTime pattern of <c>business_date</c>; null means ISO text as it is.</summary>
    public string? DateFormat { get; init; }

    /// <summary>A fixed UTC offset for every local time of the export; null means the office's local time (its zone).</summary>
    public Offset? Offset { get; init; }

    /// <summary>A field longer than this is refused (the row goes to quarantine).</summary>
    public int MaxFieldChars { get; init; } = 10_000;

    /// <summary>A record longer than this (an unclosed quote, a runaway field) is refused and reading resumes on the next line.</summary>
    public int MaxRecordChars { get; init; } = 1 << 20;

    /// <summary>Canonical field name → where its value comes from.</summary>
    public required IReadOnlyDictionary<string, CsvColumnMapping> Columns { get; init; }

    /// <summary>
    /// The folder of register exports (<c>source.csv.registers</c>): one <c>&lt;register&gt;.csv</c> per register, its
    /// header the canonical field names, read with this source's delimiter, quote, encoding and limits. Null: the source
    /// gives no registers.
    /// </summary>
    public string? RegistersPath { get; init; }
}

/// <summary>
/// One canonical field of a CSV source: a column (name, or 1-based position without a header) or a constant;
/// an optional code mapping (keys may end in <c>*</c> to match a prefix), a default for empty or unmapped values,
/// and for time and date fields an optional pattern and offset that override the source's.
/// </summary>
public sealed record CsvColumnMapping
{
    public string? Column { get; init; }
    public string? Constant { get; init; }
    public IReadOnlyDictionary<string, string>? Map { get; init; }
    public string? Default { get; init; }
    public string? Format { get; init; }
    public Offset? Offset { get; init; }
}
