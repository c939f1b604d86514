using System.Diagnostics;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Registers;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;
using PmmEtl.Extract;
using PmmEtl.Normalise.Registers;
using Serilog;

namespace PmmEtl.Jobs.Running;

/// <summary>
/// Extract → normalise → load for every register the source gives (inspections, seizures, the AEO register, HR
/// registers …), one register at a time, each in one streaming pass and one commit. Runs after the declarations,
/// with the same local-time resolver, so the run's DST counts cover every record. The category rules are synced
/// first: they are data the administration owns and the seizure KPIs read them at measure time.
/// </summary>
internal sealed class RegisterStage
{
    private readonly ILogger _log;

    public RegisterStage(ILogger log) => _log = log;

    public IReadOnlyList<RegisterLoadResult> Run(PipelineDefinition pipeline, RunContext run, IWarehouse warehouse, LocalTimeResolver resolver,
        List<QuarantineEntry> sample, int sampleSize, CancellationToken cancellationToken)
    {
        warehouse.Registers.SyncSeizureCategories(pipeline.SeizureCategories);
        IRecordSource source = RecordSources.Create(pipeline.Source, pipeline.Name);
        var normaliser = new RecordNormaliser(pipeline.Offices, resolver, pipeline.ExchangeRates);
        var results = new List<RegisterLoadResult>();
        HashSet<string> financialYearRegisters = FinancialYearRegisters(pipeline);
        foreach (RegisterSchema register in Registers.Loaded.Where(r => source.Available.Contains(r)))
        {
            var watch = Stopwatch.StartNew();
            long read = 0;
            long outside = 0;
            LoadResult load;
            // Only the registers of financial-year KPIs (K41) need the financial year of each record.
            HashSet<int>? financialYears = financialYearRegisters.Contains(register.Name) ? [] : null;
            using (IRecordLoad loader = warehouse.Registers.BeginLoad(register, run))
            {
                foreach (RawRecord raw in source.ReadRecords(register, run.Window, cancellationToken))
                {
                    read++;
                    RecordNormaliseResult result = normaliser.Normalise(raw);
                    if (result.Record is { } record)
                    {
                        // Undated registers are replaced whole; a dated record outside the window is not this run's.
                        if (record.BusinessDate is not { } date || run.Window.Contains(date))
                        {
                            loader.Add(record);
                            if (financialYears is not null && record.BusinessDate is { } dated)
                            {
                                financialYears.Add(Periods.Start(PeriodType.FinancialYear, dated, pipeline.FinancialYearStartMonth).Year);
                            }
                        }
                        else
                        {
                            outside++;
                        }
                    }
                    else
                    {
                        loader.Quarantine(result.Quarantine!);
                        if (sample.Count < sampleSize)
                        {
                            sample.Add(result.Quarantine!);
                        }

                        _log.Debug("Quarantined {Entry}", result.Quarantine!.ToString());
                    }
                }

                load = loader.Commit();
            }

            _log.Information("Register {Register}: {Loaded} loaded ({Replaced} replaced), {Quarantined} quarantined of {Read} read in {Ms} ms",
                register.Name, load.Loaded, load.Replaced, load.Quarantined, read, watch.ElapsedMilliseconds);
            results.Add(new RegisterLoadResult(register.Name, read, outside, load.Loaded, load.Quarantined, load.Replaced, watch.ElapsedMilliseconds)
            {
                YearsTouched = load.YearsTouched,
                FinancialYearsTouched = financialYears is null ? [] : [.. financialYears.Order()],
            });
        }

        return results;
    }

    /// <summary>The registers read by the pipeline's KPIs published by financial year.</summary>
    public static HashSet<string> FinancialYearRegisters(PipelineDefinition pipeline) =>
        pipeline.Kpis.Where(k => k.Periods.Contains(PeriodType.FinancialYear))
            .SelectMany(k => k.Variables).SelectMany(v => v.Reads).ToHashSet(StringComparer.Ordinal);
}

/// <summary>What one register's load did in a run (published in the run result).</summary>
public sealed record RegisterLoadResult(string Register, long Read, long OutsideWindow, long Loaded, long Quarantined, long Replaced, long Ms)
{
    /// <summary>Calendar years of the dated records loaded: their KPI values may have changed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<int> YearsTouched { get; init; } = [];

    /// <summary>
    /// For a register read by a financial-year KPI: the years in which the financial years of its loaded records
    /// start (a record of March 2025 with a July start is in FY2024-25, stored under 2024); empty otherwise.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<int> FinancialYearsTouched { get; init; } = [];
}
