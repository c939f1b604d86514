using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;

namespace PmmEtl.Testing;

/// <summary>
/// Loads a whole source into one run as the record stage does for a file source: records dated inside the run's
/// window are added, the others handed over as outside it, in the source's order.
/// </summary>
public static class WindowedLoad
{
    public static LoadResult Run(IWarehouse warehouse, RecordSchema type, RunContext run, IEnumerable<RecordRow> source)
    {
        using IRecordLoad load = warehouse.BeginLoad(type, run);
        foreach (RecordRow row in source)
        {
            if (row.BusinessDate is not { } date || run.Window.Contains(date))
            {
                load.Add(row);
            }
            else
            {
                load.Outside(row);
            }
        }

        return load.Commit();
    }
}
