namespace PmmEtl.Publish.Layout;

/// <summary>
/// Exclusive lock on one audience's pipeline year (or on a pipeline's history) for the length of a publication, so
/// two publishers cannot pick the same version number, delete each other's temp folder or interleave history
/// rewrites. On Linux .NET takes an advisory flock for FileShare.None, which the kernel releases when the process
/// dies: a crash never leaves anything locked.
/// <para>
/// <c>verify</c> asks whether a publication is in progress by trying the lock for an instant (<see cref="IsHeld"/>);
/// a publisher that meets that instant tries again for a short while rather than failing.
/// </para>
/// </summary>
internal sealed class PublicationLock : IDisposable
{
    /// <summary>How long a publisher retries a year's lock: far longer than a verifier's probe, far shorter than a publication.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    private readonly FileStream _file;

    private PublicationLock(FileStream file) => _file = file;

    /// <exception cref="IOException">Another publication holds the lock after <paramref name="wait"/> (<see cref="DefaultWait"/> if null).</exception>
    public static PublicationLock Acquire(string lockFile, TimeSpan? wait = null)
    {
        DateTime giveUp = DateTime.UtcNow + (wait ?? DefaultWait);
        while (true)
        {
            try
            {
                return new PublicationLock(new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException e) when (File.Exists(lockFile))
            {
                if (DateTime.UtcNow >= giveUp)
                {
                    throw new IOException($"Could not lock '{lockFile}': another publication of this pipeline and year is probably in progress.", e);
                }

                Thread.Sleep(Poll);
            }
        }
    }

    /// <summary>
    /// Whether a publication holds the lock now. Never creates the file (verify writes nothing into an archive) and
    /// holds the lock only for the instant of the test.
    /// </summary>
    public static bool IsHeld(string lockFile)
    {
        try
        {
            using var probe = new FileStream(lockFile, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false; // a read-only copy of an archive: nobody publishes into it
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _file.Dispose();
}
