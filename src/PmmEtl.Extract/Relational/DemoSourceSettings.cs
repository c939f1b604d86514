namespace PmmEtl.Extract.Relational;

/// <summary><c>source.demo</c>: the seeded demo SQLite file the generator writes when it does not exist.</summary>
public sealed record DemoSourceSettings(int Seed, int Declarations, int Year);
