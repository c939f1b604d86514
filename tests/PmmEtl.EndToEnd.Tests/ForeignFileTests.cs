using PmmEtl.Jobs.Operations;
using PmmEtl.Jobs.Running;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// A CSV source pointed at a file that is no export (a system file): the run fails naming the file and the problem,
/// and none of the file's content reaches the logs, the run's error or <c>status</c>.
/// </summary>
public sealed class ForeignFileTests : IDisposable
{
    private const string Secret = "Sw0rdfish-Foreign";

    private readonly PipelineHarness _h = new("""
        name: csv-foreign
        source:
          kind: csv
          path: passwd
          csv:
            columns:
              declaration_id: DECL_NO
              declaration_type: TYPE
              office_code: OFFICE
              mode_of_transport: MODE
              control_channel: CHANNEL
              aeo: AEO
              ecommerce: { constant: "0" }
              submission_channel: SUB
              arrival_local: ARRIVAL
              lodged_local: LODGED
              released_local: RELEASED
        """ + FixtureSource.PipelineTail("[K04]"));

    public void Dispose() => _h.Dispose();

    [Fact]
    public void The_error_names_the_file_and_the_missing_columns_without_quoting_the_file()
    {
        string passwd = Path.Combine(_h.Folder, "passwd");
        File.WriteAllText(passwd, $"root:x:0:0:{Secret}:/root:/bin/bash\ndaemon:x:1:1:daemon,{Secret},x:/usr/sbin:/usr/sbin/nologin\n");
        var log = new CollectingSink();
        Serilog.ILogger logger = new Serilog.LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(log).CreateLogger();

        Exception? failure = Record.Exception(() => new PipelineRunner(_h.Clock, logger, PipelineHarness.Stages).Run(_h.Definition, cancellationToken: TestContext.Current.CancellationToken));
        PipelineStatus status = _h.Operations().Status(_h.Definition);

        Assert.NotNull(failure);
        string error = status.LatestRun!.Error!;
        Assert.Contains($"in the header of {passwd}, which has 1 column (", error, StringComparison.Ordinal);
        Assert.Contains("source.csv.columns.declaration_id: the column 'DECL_NO' is missing", error, StringComparison.Ordinal);
        string everything = string.Join("\n", [log.Text, failure.ToString(), error, .. status.Failed.Select(f => f.Error ?? "")]);
        foreach (string content in new[] { Secret, "root:x", "/bin/bash", "daemon" })
        {
            Assert.DoesNotContain(content, everything, StringComparison.Ordinal);
        }
    }
}
