namespace PmmEtl.Publish.Layout;

/// <summary>
/// Exclusive lock on one audience's pipeline year (or on a pipeline's history) for the length of a publication, so
/// two publishers cannot pick the same version number, delete each other's temp folder or interleave history
/// rewrites. On Linux .NET takes an advisory flock for FileShare.None, which the kernel releases when the process
/// dies: a crash never leaves anything locked.
/// </summary>
internal sealed class PublicationLock : IDisposable
{
    private readonly FileStream _file;

    private PublicationLock(FileStream file) => _file = file;

    /// <exception cref="IOException">Another publication holds the lock.</exception>
    public static PublicationLock Acquire(string lockFile)
    {
        try
        {
            return new PublicationLock(new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e)
        {
            throw new IOException($"Could not lock '{lockFile}': another publication of this pipeline and year is probably in progress.", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
