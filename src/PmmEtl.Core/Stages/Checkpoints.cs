namespace PmmEtl.Core.Stages;

/// <summary>
/// Named points of a run where policy around the work may step in: the stages report each point they pass to the
/// <see cref="ICheckpoints"/> they were given, and do nothing else about it. The crash-safety tests stop the process
/// at one of them (the command line's environment-driven hook); a production run passes them through <see cref="None"/>.
/// </summary>
public static class Checkpoints
{
    /// <summary>The run's thousandth record was read and handed to the load.</summary>
    public const string Extract = "extract";

    /// <summary>The run's two-thousandth record was read: the load's bulk append is under way.</summary>
    public const string Append = "append";

    /// <summary>A record type's rows are appended and merged, its transaction not yet committed.</summary>
    public const string Merge = "merge";

    /// <summary>After the first record type's load (the declaration) committed, before the next type (a register) loads.</summary>
    public const string TypeCommitted = "type-committed";

    /// <summary>Every record type loaded and committed, nothing measured.</summary>
    public const string Loaded = "loaded";

    /// <summary>The measured years' values written, their transaction not yet committed.</summary>
    public const string Measure = "measure";

    /// <summary>One Parquet table of a snapshot version written, the next not yet.</summary>
    public const string Parquet = "parquet";

    /// <summary>Every file of a version written in its temporary folder, the manifest not yet.</summary>
    public const string Manifest = "manifest";

    /// <summary>A version's folder renamed into place, the history not yet rebuilt.</summary>
    public const string Rename = "rename";

    /// <summary>The points in the order a run that loads, measures and publishes passes them.</summary>
    public static IReadOnlyList<string> InRunOrder { get; } = [Extract, Append, Merge, TypeCommitted, Loaded, Measure, Parquet, Manifest, Rename];

    /// <summary>A hook that does nothing: the stages' default, and every run's but the crash tests'.</summary>
    public static ICheckpoints None { get; } = new NoCheckpoints();

    private sealed class NoCheckpoints : ICheckpoints
    {
        public void Reached(string point)
        {
        }
    }
}

/// <summary>
/// Told each time a run passes one of the <see cref="Checkpoints"/>, on the thread doing the work, before the work goes
/// on: an implementation may record the point, or hold the run there (the crash tests' pause), but must not change
/// what the run does.
/// </summary>
public interface ICheckpoints
{
    void Reached(string point);
}
