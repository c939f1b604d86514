using Npgsql;
using PmmEtl.LocalPostgres;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>The throw-away server the bench and the test fixture share: started, used, stopped and gone.</summary>
public sealed class LocalPostgresServerTests
{
    [Fact]
    public void A_started_server_serves_a_new_database_and_leaves_nothing_behind()
    {
        if (!LocalPostgresServer.TryStart("pmmetl-pg-check", durable: false, out LocalPostgresServer? server, out PostgresUnavailable? unavailable))
        {
            Assert.Skip(unavailable.Message);
        }

        string folder;
        int port;
        using (server)
        {
            folder = server.Folder!;
            Assert.True(Directory.Exists(Path.Combine(folder, "data")));
            string connection = server.CreateDatabase("pmmetl_local_check");
            port = new NpgsqlConnectionStringBuilder(connection).Port;

            using var open = new NpgsqlConnection(connection);
            open.Open();
            using var query = new NpgsqlCommand("SELECT 1, current_database()", open);
            using NpgsqlDataReader row = query.ExecuteReader();
            Assert.True(row.Read());
            Assert.Equal((1, "pmmetl_local_check"), (row.GetInt32(0), row.GetString(1)));
        }

        Assert.False(Directory.Exists(folder));
        using var after = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Pooling=false;Timeout=5");
        Assert.ThrowsAny<NpgsqlException>(after.Open);
    }

    [Fact]
    public void A_server_given_in_the_environment_is_used_as_it_is_and_never_stopped()
    {
        string variable = $"PMMETL_LOCAL_PG_CHECK_{Guid.NewGuid():N}";
        Assert.Null(LocalPostgresServer.FromEnvironment(variable));

        const string Given = "Host=db.example;Port=5433;Username=pmm;Password=Sw0rdfish;Database=pmm";
        Environment.SetEnvironmentVariable(variable, Given);
        try
        {
            using LocalPostgresServer? server = LocalPostgresServer.FromEnvironment(variable);
            Assert.NotNull(server);
            Assert.Equal((Given, (string?)null), (server.AdminConnectionString, server.Folder));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Theory]
    [InlineData("pmm; DROP DATABASE postgres")]
    [InlineData("Pmm")]
    [InlineData("1pmm")]
    [InlineData("")]
    public void A_database_name_that_is_not_a_plain_identifier_is_refused_before_any_connection(string name)
    {
        // No server listens on port 1: the refusal must come before a connection is tried.
        const string Password = "Sw0rdfish";
        string variable = $"PMMETL_LOCAL_PG_CHECK_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, $"Host=127.0.0.1;Port=1;Username=pmm;Password={Password}");
        try
        {
            using LocalPostgresServer server = LocalPostgresServer.FromEnvironment(variable)!;
            var e = Assert.Throws<ArgumentException>(() => server.CreateDatabase(name));
            Assert.DoesNotContain(Password, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
