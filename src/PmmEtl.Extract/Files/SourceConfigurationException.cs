namespace PmmEtl.Extract.Files;

/// <summary>
/// The source's files do not fit the pipeline's mapping (a mapped column missing from a header): a configuration
/// error, raised before any row is read, naming the file and the column.
/// </summary>
public sealed class SourceConfigurationException(string message) : InvalidOperationException(message);
