using NodaTime;

namespace PmmEtl.DemoSource.Generation;

/// <summary>One milestone of a schedule, as an offset from the declaration's first milestone.</summary>
internal readonly record struct Milestone(string Code, Duration Offset);
