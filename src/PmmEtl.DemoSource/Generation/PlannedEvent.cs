using NodaTime;

namespace PmmEtl.DemoSource.Generation;

/// <summary>
/// One event row to write. <see cref="At"/> is the true instant; <see cref="Local"/> is the office wall-clock
/// time that gets written, normally <see cref="At"/> in the office zone. A raw event writes
/// <see cref="RawText"/> verbatim instead (missing or garbled times of bad rows).
/// </summary>
internal readonly record struct PlannedEvent(string Code, Instant At, LocalDateTime Local, bool Raw = false, string? RawText = null)
{
    public static PlannedEvent Happened(string code, Instant at, DateTimeZone zone) => new(code, at, at.InZone(zone).LocalDateTime);

    public PlannedEvent WithRawText(string? text) => this with { Raw = true, RawText = text };
}
