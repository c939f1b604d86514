using PmmEtl.Core.Stages;

namespace PmmEtl.Cli;

/// <summary>
/// The crash-safety tests' hook: with <c>PMMETL_PAUSE_AT</c> naming one of the <see cref="Checkpoints"/>, the first
/// time the run reaches it the process says so on standard error (<c>PMMETL-CHECKPOINT name</c>) and waits there, for
/// <c>PMMETL_PAUSE_SECONDS</c> or until it is killed, so a test can SIGKILL it at exactly that moment or start a
/// competing run. Composed by the command line only; without the variable a run gets <see cref="Checkpoints.None"/>.
/// </summary>
internal sealed class PauseAtCheckpoint : ICheckpoints
{
    public const string PointVariable = "PMMETL_PAUSE_AT";
    public const string SecondsVariable = "PMMETL_PAUSE_SECONDS";

    private readonly string _point;
    private readonly TimeSpan _pause;
    private int _reached;

    private PauseAtCheckpoint(string point, TimeSpan pause)
    {
        _point = point;
        _pause = pause;
    }

    /// <summary>The hook the environment asks for, or <see cref="Checkpoints.None"/>.</summary>
    public static ICheckpoints FromEnvironment()
    {
        string? point = Environment.GetEnvironmentVariable(PointVariable);
        if (string.IsNullOrEmpty(point))
        {
            return Checkpoints.None;
        }

        TimeSpan pause = int.TryParse(Environment.GetEnvironmentVariable(SecondsVariable), out int seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : Timeout.InfiniteTimeSpan;
        return new PauseAtCheckpoint(point, pause);
    }

    public void Reached(string point)
    {
        // Once per process: a point passed again (a second audience's rename) runs on, so a paused run can finish.
        if (!string.Equals(point, _point, StringComparison.Ordinal) || Interlocked.Exchange(ref _reached, 1) == 1)
        {
            return;
        }

        Console.Error.WriteLine($"PMMETL-CHECKPOINT {point}");
        Console.Error.Flush();
        Thread.Sleep(_pause);
    }
}
