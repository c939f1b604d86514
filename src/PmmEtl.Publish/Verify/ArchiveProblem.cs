namespace PmmEtl.Publish.Verify;

/// <summary>One finding of <see cref="ArchiveVerifier"/>, with the path it is about.</summary>
public sealed record ArchiveProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>What a verification found: problems (the archive cannot be trusted as it is) and notes (worth knowing, not wrong).</summary>
public sealed class VerificationResult
{
    public List<ArchiveProblem> Problems { get; } = [];

    public List<ArchiveProblem> Notes { get; } = [];

    public int Versions { get; set; }

    public int Files { get; set; }

    public int Histories { get; set; }

    public bool Clean => Problems.Count == 0;

    public void Problem(string path, string message) => Problems.Add(new ArchiveProblem(path, message));

    public void Note(string path, string message) => Notes.Add(new ArchiveProblem(path, message));

    /// <summary>Adds the findings and counts of a part of the archive checked on its own.</summary>
    public void Add(VerificationResult part)
    {
        Problems.AddRange(part.Problems);
        Notes.AddRange(part.Notes);
        Versions += part.Versions;
        Files += part.Files;
        Histories += part.Histories;
    }
}
