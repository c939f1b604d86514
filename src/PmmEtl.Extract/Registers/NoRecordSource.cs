using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Registers;

namespace PmmEtl.Extract.Registers;

/// <summary>A source that holds no registers (WCO Data Model messages carry declarations only).</summary>
public sealed class NoRecordSource : IRecordSource
{
    public static NoRecordSource Instance { get; } = new();

    private NoRecordSource()
    {
    }

    public IReadOnlyList<RegisterSchema> Available => [];

    public IEnumerable<RawRecord> ReadRecords(RegisterSchema register, ExtractWindow window, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"this source gives no registers, so none of {register.Name}");
}
