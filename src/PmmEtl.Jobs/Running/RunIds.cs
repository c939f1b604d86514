using System.Security.Cryptography;
using NodaTime;
using NodaTime.Text;

namespace PmmEtl.Jobs.Running;

/// <summary>Run ids that sort by start time and never collide: 20261123T021500Z-3f9a1c.</summary>
public static class RunIds
{
    private static readonly InstantPattern Pattern = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'");

    public static string New(Instant startedAt) => $"{Pattern.Format(startedAt)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
}
