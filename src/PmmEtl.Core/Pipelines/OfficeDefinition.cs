using NodaTime;

namespace PmmEtl.Core.Pipelines;

/// <summary>
/// One customs office of the pipeline (<c>offices:</c>): its code, kind, country and tzdb zone, in which its local
/// times are read. In Core because the normaliser and the warehouse use it, not only the pipeline.
/// </summary>
public sealed record OfficeDefinition
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string OfficeType { get; init; }
    public required string Country { get; init; }
    public required DateTimeZone Zone { get; init; }
    public bool MainEntry { get; init; }
    public bool MainExit { get; init; }
}
