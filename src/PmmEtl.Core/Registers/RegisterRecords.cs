using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Core.Registers;

/// <summary>One register record exactly as a source gave it: canonical field name → text (null when absent).</summary>
public sealed class RawRecord
{
    public required RegisterSchema Register { get; init; }
    public required string SourceName { get; init; }
    public required long RowNumber { get; init; }
    public required IReadOnlyDictionary<string, string?> Fields { get; init; }

    /// <summary>Set by a source that could not read the row at all; the row goes to quarantine naming <see cref="SourceErrorField"/>.</summary>
    public string? SourceError { get; init; }
    public string? SourceErrorField { get; init; }
}

/// <summary>
/// A validated register record: one value per field of <see cref="RegisterSchema.Fields"/>, in that order, typed
/// as string (Text, Code), bool, LocalDate, Instant (LocalTime fields, resolved to UTC), double (Number) or long
/// (Integer); null where absent. Derived fields are filled.
/// </summary>
public sealed record NormalisedRecord(RegisterSchema Register, object?[] Values, LocalDate? BusinessDate, string SourceName, long RowNumber)
{
    public object? this[string field] => Values[Register.IndexOf(field)];
}

public readonly record struct RecordNormaliseResult(NormalisedRecord? Record, QuarantineEntry? Quarantine);

/// <summary>Extract for registers: streams one register's raw records for a window (dated registers) or whole (undated ones).</summary>
public interface IRecordSource
{
    /// <summary>The registers this source can give (those with a query, a CSV file …); others are simply absent.</summary>
    IReadOnlyList<RegisterSchema> Available { get; }

    IEnumerable<RawRecord> ReadRecords(RegisterSchema register, ExtractWindow window, CancellationToken cancellationToken);
}

/// <summary>Normalise for registers: one raw record to a typed one, or a quarantine entry naming the field.</summary>
public interface IRecordNormaliser
{
    RecordNormaliseResult Normalise(RawRecord raw);
}

/// <summary>
/// Load for one register: nothing is visible until <see cref="Commit"/>, which replaces the window's records of
/// a dated register (or the whole of an undated one) in one transaction. The first record of a key wins; later
/// ones are quarantined naming the kept row.
/// </summary>
public interface IRecordLoad : IDisposable
{
    void Add(NormalisedRecord record);
    void Quarantine(QuarantineEntry entry);
    LoadResult Commit();
}

/// <summary>One variable's value for a period and breakdown value (null: the total); <see cref="Records"/> counts the records in scope.</summary>
public readonly record struct VariableValue(string? BreakdownValue, double? Value, long Records);

/// <summary>The engine side of record-based KPIs: evaluates one variable over one period [from, to).</summary>
public interface IRegisterAggregator
{
    /// <summary>
    /// The total (BreakdownValue null) and, when <paramref name="breakdownField"/> is given and the variable's
    /// register has it, one value per breakdown value.
    /// </summary>
    IReadOnlyList<VariableValue> Evaluate(KpiVariable variable, LocalDate from, LocalDate to, string? breakdownField);

    /// <summary>Whether the register's table holds any record at all: a KPI over an empty register is "not measurable", not 0.</summary>
    bool HasRecords(RegisterSchema register);
}

/// <summary>The registers half of a warehouse.</summary>
public interface IRegisterStore
{
    IRecordLoad BeginLoad(RegisterSchema register, RunContext run);

    /// <summary>Replaces the category rules the seizure KPIs read (dim_seizure_category_rule).</summary>
    void SyncSeizureCategories(IReadOnlyList<SeizureCategoryRule> rules);

    IRegisterAggregator Aggregator { get; }
}
