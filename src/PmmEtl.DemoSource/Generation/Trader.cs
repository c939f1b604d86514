using NodaTime;

namespace PmmEtl.DemoSource.Generation;

/// <summary>A row of the trader table.</summary>
internal sealed record Trader(string Id, string Name, string? AeoStatus, LocalDate? AeoValidFrom)
{
    public bool IsAeo => AeoStatus is not null;
}
