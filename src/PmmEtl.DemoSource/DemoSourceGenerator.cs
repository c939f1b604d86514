using System.Diagnostics;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Records;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource;

/// <summary>
/// Writes a deterministic demo "national customs database" as a SQLite file: offices, traders, declarations
/// and their milestone events in office-local time, and every other register of the national system (amounts,
/// AEO certificates, inspections, seizures, shipments, passengers, rulings, violations, fines, interest, audits,
/// staff and HR, integrity, services, enquiries), with deliberate bad rows and DST cases for the pipeline to
/// handle. The same options always give the same content.
/// </summary>
public static class DemoSourceGenerator
{
    private static long s_runs;

    /// <summary>
    /// Generates into a temporary file beside <see cref="DemoSourceOptions.Path"/> and renames it over the path
    /// at the end, so readers never see a half-written source; an existing file is replaced.
    /// </summary>
    public static DemoSourceSummary Generate(DemoSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        string target = Path.GetFullPath(options.Path);
        string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{options.Path}' has no directory.", nameof(options));
        Directory.CreateDirectory(directory);
        // Unique per process and call, so concurrent runs never write into each other's file.
        string temporary = Path.Combine(
            directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}-{Interlocked.Increment(ref s_runs)}.tmp");

        try
        {
            File.Delete(temporary);
            DeclarationRecorder written;
            IReadOnlyList<RegisterSummary> registers;
            using (DemoDatabase database = DemoDatabase.Create(temporary))
            {
                written = Fill(database, options);
                database.Complete();
                registers = DemoSchema.RegisterTableNames
                    .Where(_ => options.Registers)
                    .Select(r => database.Register(r.Register))
                    .Select(t => new RegisterSummary(t.Register, t.Table, t.Rows, t.BadRows, new Dictionary<RegisterDefect, long>(t.BadRowsByKind)))
                    .ToList();
            }

            File.Move(temporary, target, overwrite: true);
            return new DemoSourceSummary(
                written.Declarations, written.Events, written.BadRows, written.GapTimes, written.FoldTimes, written.SpanningDst, clock.Elapsed)
            {
                Registers = registers,
            };
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>All randomness comes from one generator seeded here; the order of the draws below is part of the output.</summary>
    private static DeclarationRecorder Fill(DemoDatabase database, DemoSourceOptions options)
    {
        var rng = new Random(options.Seed);
        IReadOnlyList<OfficeProfile> offices = OfficeProfile.ForYear(options.Year);
        foreach (DemoOffice office in DemoOffices.All)
        {
            database.InsertOffice(office);
        }

        var traders = TraderPool.Create(rng, options.Year);
        foreach (Trader trader in traders.All)
        {
            database.InsertTrader(trader);
        }

        // The registers draw from generators of their own: the declarations are the same with or without them.
        RegisterGeneration? registers = options.Registers ? new RegisterGeneration(new RegisterContext(database, options, offices, traders)) : null;
        registers?.BeforeDeclarations();
        var recorder = new DeclarationRecorder(database);
        foreach (DeclarationPlan plan in new DeclarationStream(rng, options, offices, traders).Plans())
        {
            recorder.Record(plan);
            registers?.Follow(plan);
        }

        registers?.AfterDeclarations();
        return recorder;
    }
}
