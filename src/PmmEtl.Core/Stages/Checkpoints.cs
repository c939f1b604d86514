namespace PmmEtl.Core.Stages;

/// <summary>
/// Named points of a run where the crash-safety tests stop the process. Inert unless PMMETL_PAUSE_AT names the
/// point: then the process announces it on standard error and waits there (for PMMETL_PAUSE_SECONDS, or until it
/// is killed), so a test can SIGKILL it at exactly that moment or start a competing run.
/// </summary>
public static class Checkpoints
{
    public const string Extract = "extract";
    public const string Append = "append";
    public const string Merge = "merge";

    /// <summary>After the first record type's load (the declaration) committed, before the next type (a register) loads.</summary>
    public const string TypeCommitted = "type-committed";
    public const string Loaded = "loaded";
    public const string Measure = "measure";
    public const string Parquet = "parquet";
    public const string Manifest = "manifest";
    public const string Rename = "rename";

    private static readonly string? PauseAt = Environment.GetEnvironmentVariable("PMMETL_PAUSE_AT");
    private static readonly int PauseSeconds = int.TryParse(Environment.GetEnvironmentVariable("PMMETL_PAUSE_SECONDS"), out int s) ? s : -1;
    private static int _reached;

    public static void Reach(string name)
    {
        if (PauseAt is null || !string.Equals(PauseAt, name, StringComparison.Ordinal) || Interlocked.Exchange(ref _reached, 1) == 1)
        {
            return;
        }

        Console.Error.WriteLine($"PMMETL-CHECKPOINT {name}");
        Console.Error.Flush();
        Thread.Sleep(PauseSeconds < 0 ? Timeout.Infinite : PauseSeconds * 1000);
    }
}
