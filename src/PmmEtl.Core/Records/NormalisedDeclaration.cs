using NodaTime;

namespace PmmEtl.Core.Records;

/// <summary>
/// A declaration after normalisation: canonical codes, UTC instants, the office's local business date,
/// and the per-declaration durations the release-time KPIs average. This is what the warehouse loads.
/// </summary>
public sealed record NormalisedDeclaration
{
    /// <summary>Lineage: the source and row this declaration came from.</summary>
    public required string SourceName { get; init; }
    public required long SourceRow { get; init; }
    public required string DeclarationId { get; init; }
    public required string DeclarationType { get; init; }
    public required string Direction { get; init; }
    public required string OfficeCode { get; init; }
    public required LocalDate BusinessDate { get; init; }
    public required string ModeOfTransport { get; init; }
    public required string ControlChannel { get; init; }
    public string? TraderId { get; init; }
    public required bool Aeo { get; init; }
    public required bool PreArrival { get; init; }
    public required bool Ecommerce { get; init; }
    public required bool LowRisk { get; init; }
    public required string SubmissionChannel { get; init; }
    public required bool Electronic { get; init; }
    public required bool ImmediateRelease { get; init; }

    public Instant? ArrivalAt { get; init; }
    public required Instant LodgedAt { get; init; }
    public Instant? OgaPermitAt { get; init; }
    public Instant? InspectionStartAt { get; init; }
    public Instant? InspectionEndAt { get; init; }
    public Instant? ClearedAt { get; init; }
    public Instant? ReleasedAt { get; init; }
    public Instant? LoadedAt { get; init; }

    /// <summary>K04: arrival → physical release (imports).</summary>
    public ActorSplit? ArrivalToRelease { get; init; }

    /// <summary>K05: lodgement → loading on board (exports).</summary>
    public ActorSplit? LodgementToLoading { get; init; }

    /// <summary>K06: arrival at the place under Customs supervision → loading on board (exports).</summary>
    public ActorSplit? ArrivalToLoading { get; init; }

    /// <summary>K13: lodgement → clearance from Customs formalities, in minutes.</summary>
    public double? LodgementToClearanceMinutes { get; init; }
}

/// <summary>
/// One measured interval in minutes and its attribution to the responsible actors. The three parts
/// always add up to the total (see <see cref="ResponsibleActorSplit"/>).
/// </summary>
public readonly record struct ActorSplit(double TotalMinutes, double BusinessMinutes, double OgaMinutes, double CustomsMinutes);
