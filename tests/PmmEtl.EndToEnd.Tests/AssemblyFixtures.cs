using PmmEtl.Testing;

// One throw-away PostgreSQL server for every test of this assembly that asks for it.
[assembly: AssemblyFixture(typeof(PostgresServer))]
