using NodaTime;

namespace PmmEtl.DemoSource.Generation;

/// <summary>A declaration row and its events, ready to be written once it has an id.</summary>
internal sealed class DeclarationPlan
{
    public DeclarationPlan(DeclarationAttributes attributes, long sequence, Instant start, LocalDate registrationDate, List<PlannedEvent> events)
    {
        Attributes = attributes;
        Sequence = sequence;
        Start = start;
        RegistrationDate = registrationDate;
        Events = events;
        OfficeCode = attributes.Office.Code;
    }

    public DeclarationAttributes Attributes { get; }

    /// <summary>Generation order; breaks ties when a day's declarations are sorted by time.</summary>
    public long Sequence { get; }

    /// <summary>The true instant of the first milestone; the day's rows are written in this order.</summary>
    public Instant Start { get; }

    /// <summary>Local date of the first milestone at the office.</summary>
    public LocalDate RegistrationDate { get; }

    public List<PlannedEvent> Events { get; }

    /// <summary>The office code as written; differs from the generating office only for an unknown-office row.</summary>
    public string OfficeCode { get; set; }

    public BadKind Bad { get; set; }

    /// <summary>Set for a duplicate copy: the id of the earlier row it repeats.</summary>
    public string? RepeatedId { get; set; }

    public string DeclarationId { get; set; } = "";

    public bool IsKnownOffice => OfficeCode == Attributes.Office.Code;
}
