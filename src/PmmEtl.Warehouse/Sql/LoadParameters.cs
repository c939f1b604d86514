using System.Globalization;
using PmmEtl.Core.Stages;

namespace PmmEtl.Warehouse.Sql;

/// <summary>The parameters every merge statement of a load may use: pipeline, window bounds (as dates and as text), run, time.</summary>
internal static class LoadParameters
{
    public static (string, object?)[] Of(RunContext run, DateTime now) =>
    [
        ("pipeline", run.Pipeline),
        // An open bound is in no statement that compares with it; it still gets a typed value.
        ("from", DateOnly.Parse(run.Window.FromText, CultureInfo.InvariantCulture)),
        ("to", DateOnly.Parse(run.Window.ToText, CultureInfo.InvariantCulture)),
        ("fromText", run.Window.FromText),
        ("toText", run.Window.ToText),
        ("run", run.RunId),
        ("now", now),
    ];
}
