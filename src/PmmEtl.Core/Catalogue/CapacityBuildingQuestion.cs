namespace PmmEtl.Core.Catalogue;

/// <summary>
/// One capacity-building question of the FoS questionnaire, asked of an indicator reported at <paramref name="Level"/>.
/// A <see cref="YesNo"/> question is answered with a text that starts with yes or no; a question
/// <see cref="AskedIfYesTo"/> another is asked only when that one is answered yes.
/// </summary>
public sealed record CapacityBuildingQuestion(int Level, string Code, string Text)
{
    public bool YesNo { get; init; }

    public string? AskedIfYesTo { get; init; }
}
