using NodaTime;

namespace PmmEtl.Extract.Wco;

/// <summary>
/// What the notifications said about one declaration, reduced to the earliest time of each event and the first
/// problem met: a few hundred bytes however many notifications there were.
/// </summary>
public sealed class WcoDeclarationEvents
{
    private readonly OffsetDateTime?[] _times = new OffsetDateTime?[Enum.GetValues<WcoEvent>().Length];

    public WcoDeclarationEvents(string? mrn, string? lrn, int fileIndex, long line)
    {
        Mrn = mrn;
        Lrn = lrn;
        FileIndex = fileIndex;
        Line = line;
    }

    public string? Mrn { get; }
    public string? Lrn { get; set; }

    /// <summary>Where the first notification of the declaration was, to name it if no declaration message claims it.</summary>
    public int FileIndex { get; private set; }
    public long Line { get; private set; }

    /// <summary>The first notification that could not be read (unknown function code, unreadable time).</summary>
    public string? Problem { get; private set; }

    /// <summary>The kind of <see cref="Problem"/>, for the source's counts (<see cref="WcoCounts"/>).</summary>
    public string? ProblemKind { get; private set; }

    public bool Claimed { get; set; }

    public OffsetDateTime? this[WcoEvent e] => _times[(int)e];

    /// <summary>Keeps the first problem only: it is the one the quarantine names.</summary>
    public void NoteProblem(string kind, string problem)
    {
        if (Problem is null)
        {
            (ProblemKind, Problem) = (kind, problem);
        }
    }

    public void Note(WcoEvent e, OffsetDateTime at)
    {
        if (_times[(int)e] is not { } known || at.ToInstant() < known.ToInstant())
        {
            _times[(int)e] = at;
        }
    }

    /// <summary>Takes over what was noted under the LRN alone before a notification linked it to its MRN.</summary>
    public void Merge(WcoDeclarationEvents earlier)
    {
        for (int i = 0; i < _times.Length; i++)
        {
            if (earlier._times[i] is { } at)
            {
                Note((WcoEvent)i, at);
            }
        }

        if (earlier.Problem is { } problem)
        {
            NoteProblem(earlier.ProblemKind!, problem);
        }
        if ((earlier.FileIndex, earlier.Line).CompareTo((FileIndex, Line)) < 0)
        {
            (FileIndex, Line) = (earlier.FileIndex, earlier.Line);
        }
    }

    /// <summary>The earliest of two events (receipt and acceptance both say the declaration was lodged).</summary>
    public OffsetDateTime? Earliest(WcoEvent a, WcoEvent b) => (this[a], this[b]) switch
    {
        ({ } x, { } y) => x.ToInstant() <= y.ToInstant() ? x : y,
        ({ } x, null) => x,
        (null, var y) => y,
    };
}
