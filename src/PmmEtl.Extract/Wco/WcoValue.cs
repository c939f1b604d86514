namespace PmmEtl.Extract.Wco;

/// <summary>The text of one element of a message, with the <c>formatCode</c> of a <c>DateTimeString</c>, if it is one.</summary>
public readonly record struct WcoValue(string Text, string? FormatCode);
