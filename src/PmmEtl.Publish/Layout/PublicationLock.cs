namespace PmmEtl.Publish.Layout;

/// <summary>
/// Exclusive lock on one pipeline's year for the length of a publication, so two publishers cannot pick the
/// same version number or delete each other's temp folder. On Linux .NET takes an advisory flock for
/// FileShare.None, which the kernel releases when the process dies: a crash never leaves the year locked.
/// </summary>
internal sealed class PublicationLock : IDisposable
{
    private readonly FileStream _file;

    private PublicationLock(FileStream file) => _file = file;

    /// <exception cref="IOException">Another publication of the same pipeline and year holds the lock.</exception>
    public static PublicationLock Acquire(SnapshotLayout layout)
    {
        try
        {
            return new PublicationLock(new FileStream(layout.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e)
        {
            throw new IOException($"Could not lock '{layout.LockFile}': another publication of this pipeline and year is probably in progress.", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
