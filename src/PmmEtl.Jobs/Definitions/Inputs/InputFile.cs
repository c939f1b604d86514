namespace PmmEtl.Jobs.Definitions.Inputs;

/// <summary>A file the pipeline read besides its source, with its content hash.</summary>
public sealed record InputFile(string Path, string Kind, string Sha256);
