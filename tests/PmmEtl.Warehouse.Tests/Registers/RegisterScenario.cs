using NodaTime;
using NodaTime.Text;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Warehouse.Sql;
using RegisterList = PmmEtl.Core.Records.RecordTypes;
using PmmEtl.Testing;
using PmmEtl.Core.Measure;

namespace PmmEtl.Warehouse.Tests.Registers;

/// <summary>
/// A small hand-made set of register records, loaded into a warehouse on any engine, and the values the register
/// layer must give for it, each worked out by hand in a comment. Shared by the DuckDB and SQL Server tests here and
/// by the PostgreSQL tests of PmmEtl.EndToEnd.Tests (which compile this file too, since the PostgreSQL fixture lives there).
/// </summary>
public static class RegisterScenario
{
    public const string Pipeline = "registers-test";

    private static readonly Instant Started = Instant.FromUtc(2026, 1, 15, 2, 0);
    private static readonly LocalDate Jan2024 = new(2024, 1, 1);
    private static readonly LocalDate Jan2025 = new(2025, 1, 1);
    private static readonly LocalDate Jan2026 = new(2026, 1, 1);

    public static ExtractWindow Year2025 { get; } = new(Jan2025, Jan2026);

    public static IReadOnlyList<SeizureCategoryRule> Rules { get; } =
    [
        new("2402.20", SeizureCategories.Cigarettes, true, false, "cigarettes", "", "rules.csv:2"),
        new("2402.10", SeizureCategories.Cigarettes, false, false, null, "cigars are not cigarettes", "rules.csv:3"),
        new("2208.30", SeizureCategories.Alcohol, true, false, "spirits", "", "rules.csv:4"),
        new("9302.00", SeizureCategories.Firearms, true, true, "pistols", "only where Customs is mandated", "rules.csv:5"),
        new("9306.21", SeizureCategories.Firearms, true, true, "cartridges", "only where Customs is mandated", "rules.csv:6"),
    ];

    // Staff across the 2024/2025 year end (employment_end is the last day employed). Row 8 repeats S2 with other
    // values: the first copy (row 2) must win, so S2 stays someone who left on 2024-12-31.
    public static RecordRow[] Staff() =>
    [
        Staff(1, "S1", "FEMALE", "OFFICER", true, "2020-03-01", null),
        Staff(2, "S2", "MALE", "MIDDLE", false, "2022-01-10", "2024-12-31"),
        Staff(3, "S3", "FEMALE", "SENIOR", false, "2025-01-01", null),
        Staff(4, "S4", "MALE", "OFFICER", true, "2024-06-01", "2025-06-30"),
        Staff(5, "S5", "MALE", "OFFICER", true, "2025-12-31", null),
        Staff(6, "S6", "MALE", "OFFICER", true, "2019-01-01", "2024-12-30"),
        Staff(7, "S7", "FEMALE", "OFFICER", false, "2025-02-01", null),
        Staff(8, "S2", "MALE", "SENIOR", false, "2022-01-10", null),
    ];

    /// <summary>A row the normaliser refused (row 9 of the staff file), passed to the load's quarantine.</summary>
    public static QuarantineEntry RefusedStaff { get; } =
        new(RegisterList.Staff.Name, "staff.csv", 9, "S8", null, "gender", "gender: 'X' is not a code of gender (FEMALE, MALE, OTHER)", "X");

    public static RecordRow[] Training() =>
    [
        Record(RegisterList.Training, 1, ("participation_id", "T1"), ("staff_id", "S1"), ("course_id", "C1"), ("start_on", Date("2025-03-10")), ("in_approved_plan", true), ("hours", 6.0)),
        Record(RegisterList.Training, 2, ("participation_id", "T2"), ("staff_id", "S1"), ("course_id", "C2"), ("start_on", Date("2025-09-01")), ("in_approved_plan", true)),
        Record(RegisterList.Training, 3, ("participation_id", "T3"), ("staff_id", "S4"), ("course_id", "C1"), ("start_on", Date("2025-02-01")), ("in_approved_plan", true)),
        Record(RegisterList.Training, 4, ("participation_id", "T4"), ("staff_id", "S3"), ("course_id", "C3"), ("start_on", Date("2024-11-15")), ("in_approved_plan", true)),
        Record(RegisterList.Training, 5, ("participation_id", "T5"), ("staff_id", "S7"), ("course_id", "C2"), ("start_on", Date("2025-05-05")), ("in_approved_plan", false)),
        Record(RegisterList.Training, 6, ("participation_id", "T6"), ("staff_id", "S9"), ("course_id", "C1"), ("start_on", Date("2025-04-01")), ("in_approved_plan", true)),
        Record(RegisterList.Training, 7, ("participation_id", "T7"), ("staff_id", "S5"), ("course_id", "C1"), ("start_on", Date("2026-01-02")), ("in_approved_plan", true)),
    ];

    public static RecordRow[] Seizures() =>
    [
        Seizure(1, "Z1", "2025-02-01", "OFF-A", "GOODS", "SEA"),
        Seizure(2, "Z2", "2025-03-15", "OFF-B", "PASSENGER", "AIR"),
        Seizure(3, "Z3", "2025-07-04", "OFF-A", "GOODS", "LAND"),
        Seizure(4, "Z4", "2025-11-30", "OFF-C", "GOODS", "SEA"),
        Seizure(5, "Z5", "2024-12-31", "OFF-A", "GOODS", "SEA"),
    ];

    // Row 8 repeats the key (Z1, 1) with another commodity and value: quarantined, so neither counts.
    public static RecordRow[] SeizureItems() =>
    [
        Item(1, "Z1", 1, "2025-02-01", "2402.20", 100.0, null),
        Item(2, "Z1", 2, "2025-02-01", "2208.30", 50.5, null),
        Item(3, "Z2", 1, "2025-03-15", "2402.10", 20.0, null),
        Item(4, "Z3", 1, "2025-07-04", "9302.00", 300.0, false),
        Item(5, "Z3", 2, "2025-07-04", "2402.20", null, null),
        Item(6, "Z4", 1, "2025-11-30", "9306.21", 12.25, true),
        Item(7, "Z5", 1, "2024-12-31", "2402.20", 40.0, null),
        Item(8, "Z1", 1, "2025-02-01", "9999.99", 1000.0, null),
    ];

    public static RecordRow[] Inspections() =>
    [
        Inspection(1, "I1", "2025-01-05", "OFF-A", "SEA", "RISK_PROFILE", true),
        Inspection(2, "I2", "2025-02-05", "OFF-A", "SEA", "RANDOM", false),
        Inspection(3, "I3", "2025-03-05", "OFF-A", "AIR", "RISK_PROFILE", null),
        Inspection(4, "I4", "2025-04-05", "OFF-A", "AIR", "RISK_PROFILE", true),
        Inspection(5, "I5", "2025-05-05", "OFF-B", null, "RISK_PROFILE", true),
        Inspection(6, "I6", "2025-06-06", "OFF-B", "SEA", "RISK_PROFILE", false),
        Inspection(7, "I7", "2025-07-07", "OFF-C", "LAND", "RANDOM", false),
        Inspection(8, "I8", "2024-12-31", "OFF-C", "SEA", "RISK_PROFILE", true),
    ];

    public static RunContext Run(string runId, ExtractWindow window) => new(runId, Pipeline, Started, window);

    public static LoadResult Load(IWarehouse warehouse, RecordSchema register, RunContext run, IEnumerable<RecordRow> records, params QuarantineEntry[] refused)
    {
        using IRecordLoad load = warehouse.BeginLoad(register, run);
        foreach (RecordRow r in records)
        {
            load.Add(r);
        }

        foreach (QuarantineEntry q in refused)
        {
            load.Quarantine(q);
        }

        return load.Commit();
    }

    /// <summary>Migrates, syncs the rules, and loads every register of the scenario once (window: everything).</summary>
    public static IReadOnlyDictionary<string, LoadResult> LoadAll(IWarehouse warehouse)
    {
        warehouse.Migrate();
        warehouse.SyncSeizureCategories(Rules);
        RunContext run = Run("run-1", ExtractWindow.Everything);
        return new Dictionary<string, LoadResult>
        {
            ["staff"] = Load(warehouse, RegisterList.Staff, run, Staff(), RefusedStaff),
            ["training"] = Load(warehouse, RegisterList.Training, run, Training()),
            ["seizure"] = Load(warehouse, RegisterList.Seizure, run, Seizures()),
            ["seizure_item"] = Load(warehouse, RegisterList.SeizureItem, run, SeizureItems()),
            ["inspection"] = Load(warehouse, RegisterList.Inspection, run, Inspections()),
        };
    }

    /// <summary>Every part on one warehouse, the read-only ones first (for engines where a fresh database per part is costly).</summary>
    public static void All(SqlWarehouse warehouse)
    {
        IReadOnlyDictionary<string, LoadResult> first = LoadAll(warehouse);
        HeadCountsAndTraining(warehouse);
        SeizureCategoryCounts(warehouse);
        SumsAndMeans(warehouse);
        GroupSharesAndBreakdowns(warehouse);
        ConditionsAndErrors(warehouse);
        EveryBatteryQueryRuns(warehouse);
        LinkedShares(warehouse);
        DuplicatesAreQuarantined(warehouse);
        LoadsAndReruns(warehouse, first);
        DuplicatesAcrossTheWindowEdge(warehouse);
    }

    /// <summary>
    /// A compound key duplicated across a window's edge, on the staged path: the window's run, told which records lie
    /// outside it, leaves the table as a full run over the same source does, instead of taking the later copy for a move.
    /// </summary>
    public static void DuplicatesAcrossTheWindowEdge(SqlWarehouse warehouse)
    {
        warehouse.Migrate();
        var sql = new SqlCommands(warehouse.Connection, warehouse.Dialect);
        // The source, in its order: (Y1, 1) on 2024-12-31 (row 1) and again on 2025-01-02 (row 2, a later copy);
        // (Y2, 1) on 2025-01-03 (row 3); (Y3, 1) on 2025-01-04 (row 4) and again on 2024-12-30 (row 5, read after it).
        RecordRow[] source =
        [
            Item(1, "Y1", 1, "2024-12-31", "2402.20", 10.0, null),
            Item(2, "Y1", 1, "2025-01-02", "2402.20", 20.0, null),
            Item(3, "Y2", 1, "2025-01-03", "2208.30", 30.0, null),
            Item(4, "Y3", 1, "2025-01-04", "2208.30", 40.0, null),
            Item(5, "Y3", 1, "2024-12-30", "2208.30", 50.0, null),
        ];
        Load(warehouse, RegisterList.SeizureItem, Run("edge-full", ExtractWindow.Everything), source);
        const string Rows = "SELECT CONCAT(seizure_id, ' ', CAST(source_row AS VARCHAR(10))) FROM fact_seizure_item ORDER BY seizure_id";
        // The first copy of each key: rows 1, 3 and 4.
        Assert.Equal(["Y1 1", "Y2 3", "Y3 4"], sql.Rows(Rows).Select(r => r.GetString(0)).ToList());

        LoadResult night = WindowedLoad.Run(warehouse, RegisterList.SeizureItem, Run("edge-2025", Year2025), source);

        // Row 2 is refused naming row 1, which the table keeps outside the window; rows 3 and 4 replace themselves.
        Assert.Equal(new LoadResult(2, 1, 2, [2025]), night, LoadResultComparer.Instance);
        Assert.Equal(0, night.Moved);
        Assert.Equal(["Y1 1", "Y2 3", "Y3 4"], sql.Rows(Rows).Select(r => r.GetString(0)).ToList());
        Assert.Equal(
            ["seizure_item.csv|2|Y1|1|2025-01-02|seizure_id,line_no|duplicate seizure_item key (seizure_id, line_no): the row 1 of this source was kept|Y1|1|edge-2025"],
            Quarantine(sql, "seizure_item").Where(q => q.EndsWith("|edge-2025", StringComparison.Ordinal)));
    }

    public static void LoadsAndReruns(SqlWarehouse warehouse, IReadOnlyDictionary<string, LoadResult> first)
    {
        var sql = new SqlCommands(warehouse.Connection, warehouse.Dialect);

        // Staff: 8 rows, one a duplicate → 7 loaded; quarantined = the duplicate + the refused row 9 = 2. Undated: no years.
        Assert.Equal(new LoadResult(7, 2, 0, []), first["staff"], LoadResultComparer.Instance);
        // Seizures: 5 loaded, nothing there before; years of Z1–Z5 = 2024 (Z5), 2025.
        Assert.Equal(new LoadResult(5, 0, 0, [2024, 2025]), first["seizure"], LoadResultComparer.Instance);
        // Items: 8 rows, (Z1, 1) twice → 7 loaded, 1 quarantined.
        Assert.Equal(new LoadResult(7, 1, 0, [2024, 2025]), first["seizure_item"], LoadResultComparer.Instance);

        // Re-running the 2025 window with the same Z1–Z4 replaces exactly those 4 (Z5 is 2024, outside): still 5 rows.
        LoadResult again = Load(warehouse, RegisterList.Seizure, Run("run-2", Year2025), Seizures().Where(s => (string)s["seizure_id"]! != "Z5"));
        Assert.Equal(new LoadResult(4, 0, 4, [2025]), again, LoadResultComparer.Instance);
        Assert.Equal(5, sql.Long("SELECT count(*) FROM fact_seizure"));
        Assert.Equal(4, sql.Long("SELECT count(*) FROM fact_seizure WHERE run_id = 'run-2'"));

        // The whole staff register again: all 7 replaced, and the quarantine still lists its 2 rows once, not twice.
        LoadResult staffAgain = Load(warehouse, RegisterList.Staff, Run("run-3", ExtractWindow.Everything), Staff(), RefusedStaff);
        Assert.Equal(new LoadResult(7, 2, 7, []), staffAgain, LoadResultComparer.Instance);
        Assert.Equal(7, sql.Long("SELECT count(*) FROM dim_staff"));
        Assert.Equal(2, sql.Long("SELECT count(*) FROM dq_quarantine WHERE record_type = 'staff'"));

        // Re-running the items' 2025 window: the 6 items dated 2025 are replaced; the duplicate is quarantined once.
        LoadResult itemsAgain = Load(warehouse, RegisterList.SeizureItem, Run("run-4", Year2025),
            SeizureItems().Where(i => ((LocalDate)i["seizure_date"]!).Year == 2025));
        Assert.Equal(new LoadResult(6, 1, 6, [2025]), itemsAgain, LoadResultComparer.Instance);
        Assert.Equal(7, sql.Long("SELECT count(*) FROM fact_seizure_item"));
        Assert.Equal(1, sql.Long("SELECT count(*) FROM dq_quarantine WHERE record_type = 'seizure_item'"));

        // A record that moved out of another window: the 2024 window re-read gives Z5 and Z1 re-dated 2024-12-30.
        // Replaced: Z5 (in the window) + Z1 (its key was staged, though dated 2025) = 2; still 5 seizures, Z1 once.
        RecordRow movedZ1 = Seizure(1, "Z1", "2024-12-30", "OFF-A", "GOODS", "SEA");
        LoadResult moved = Load(warehouse, RegisterList.Seizure, Run("run-5", new ExtractWindow(Jan2024, Jan2025)), [Seizures()[4], movedZ1]);
        Assert.Equal(new LoadResult(2, 0, 2, [2024]), moved, LoadResultComparer.Instance);
        Assert.Equal(1, moved.Moved); // Z1 alone: Z5 was inside the window
        Assert.Equal(5, sql.Long("SELECT count(*) FROM fact_seizure"));
        Assert.Equal(1, sql.Long("SELECT count(*) FROM fact_seizure WHERE seizure_id = 'Z1'"));
        Assert.Equal(1, sql.Long("SELECT count(*) FROM fact_seizure WHERE seizure_id = 'Z1' AND seizure_date = @d", ("d", new DateOnly(2024, 12, 30))));

        // A load that is never committed leaves nothing behind.
        using (IRecordLoad abandoned = warehouse.BeginLoad(RegisterList.Inspection, Run("run-6", ExtractWindow.Everything)))
        {
            abandoned.Add(Inspection(1, "I99", "2025-08-08", "OFF-A", "SEA", "RANDOM", true));
        }

        Assert.Equal(0, sql.Long("SELECT count(*) FROM fact_inspection WHERE inspection_id = 'I99'"));
        Assert.Equal(8, sql.Long("SELECT count(*) FROM fact_inspection"));
    }

    public static void DuplicatesAreQuarantined(SqlWarehouse warehouse)
    {
        var sql = new SqlCommands(warehouse.Connection, warehouse.Dialect);
        // The first S2 (row 2: MIDDLE, left 2024-12-31) was kept, not row 8 (SENIOR, still employed).
        Assert.Equal(1, sql.Long("SELECT count(*) FROM dim_staff WHERE staff_id = 'S2' AND grade = 'MIDDLE' AND source_row = 2"));
        Assert.Equal(0, sql.Long("SELECT count(*) FROM dim_staff WHERE source_row = 8"));

        List<string> staff = Quarantine(sql, "staff");
        Assert.Equal(
        [
            "staff.csv|8|S2||staff_id|duplicate staff key (staff_id): the row 2 of this source was kept|S2|run-1",
            "staff.csv|9|S8||gender|gender: 'X' is not a code of gender (FEMALE, MALE, OTHER)|X|run-1",
        ], staff);

        // A compound key is named by its fields and quarantined under "Z1|1", with the case's date as the raw date.
        Assert.Equal(
            ["seizure_item.csv|8|Z1|1|2025-02-01|seizure_id,line_no|duplicate seizure_item key (seizure_id, line_no): the row 1 of this source was kept|Z1|1|run-1"],
            Quarantine(sql, "seizure_item"));
        Assert.Equal(0, sql.Long("SELECT count(*) FROM fact_seizure_item WHERE commodity = '9999.99'"));
    }

    public static void HeadCountsAndTraining(IWarehouse warehouse)
    {
        IKpiAggregator agg = warehouse.Aggregator;
        var headCount = new KpiVariable("A", "staff at year end", "staff", RecordAggregate.Rows, RecordTiming.AtEnd("employment_start", "employment_end"));

        // End of 2025 (last day 2025-12-31): S1 (open), S3 (from 2025-01-01), S5 (starts on 2025-12-31 itself), S7 = 4.
        // Not S2 (left 2024-12-31; its duplicate row 8 would be open-ended), S4 (left 2025-06-30), S6 (left 2024-12-30).
        // By gender: FEMALE S1, S3, S7 = 3; MALE S5 = 1.
        Assert.Equal(
            [new VariableValue(null, 4, 4), new VariableValue("FEMALE", 3, 3), new VariableValue("MALE", 1, 1)],
            agg.Evaluate(headCount, Jan2025, Jan2026, "gender"));

        // End of 2024 (last day 2024-12-31): S1, S2 (left on that very day), S4 = 3. S6 left on 2024-12-30; S3, S5, S7
        // had not started. (The period is the one given: see SeizureCategoryCounts for the year offset.)
        Assert.Equal([new VariableValue(null, 3, 3)], agg.Evaluate(headCount, Jan2024, Jan2025, null));

        // Staff employed at some time in 2025 (start < 2026-01-01, end empty or ≥ 2025-01-01): S1, S3, S4, S5, S7.
        // Of these, with an approved-plan training that started in 2025: S1 (T1, T2: counted once), S4 (T3) = 2.
        // S3's T4 is 2024, S5's T7 is 2026, S7's T5 is not in the plan; T6's S9 is no staff member.
        var trained = new KpiVariable("A", "staff trained in the year", "staff", RecordAggregate.Distinct("staff_id"),
            RecordTiming.During("employment_start", "employment_end"),
            RecordCondition.Related("training", "staff_id", RecordCondition.True("in_approved_plan"), RecordTiming.On("start_on")));
        Assert.Equal([new VariableValue(null, 2, 2)], agg.Evaluate(trained, Jan2025, Jan2026, null));

        // Without "same period" any approved training counts: S1, S3 (T4), S4, S5 (T7) = 4.
        var everTrained = trained with { Filter = RecordCondition.Related("training", "staff_id", RecordCondition.True("in_approved_plan")) };
        Assert.Equal([new VariableValue(null, 4, 4)], agg.Evaluate(everTrained, Jan2025, Jan2026, null));

        // Trainings started in 2025, distinct participants: S1, S4, S7, S9 = 4 over 5 records (T1, T2, T3, T5, T6).
        var participants = new KpiVariable("B", "participants", "training", RecordAggregate.Distinct("staff_id"), RecordTiming.On("start_on"));
        Assert.Equal([new VariableValue(null, 4, 5)], agg.Evaluate(participants, Jan2025, Jan2026, null));

        Assert.True(agg.Coverage(RegisterList.Staff).HasRecords);
        Assert.False(agg.Coverage(RegisterList.Fine).HasRecords);
        Assert.False(agg.Coverage(RegisterList.Declaration).HasRecords);
    }

    public static void SeizureCategoryCounts(IWarehouse warehouse)
    {
        IKpiAggregator agg = warehouse.Aggregator;
        var cigarettes = new KpiVariable("A", "cigarette seizures", "seizure", RecordAggregate.Rows, RecordTiming.On("seizure_date"),
            RecordCondition.HasItemIn(SeizureCategories.Cigarettes));

        // 2025: Z1 (item 2402.20) and Z3 (item 2402.20) = 2. Z2's only item is cigars (2402.10), whose rule does not
        // count; Z4 holds cartridges. The quarantined duplicate (Z1, 1) changes nothing.
        Assert.Equal([new VariableValue(null, 2, 2)], agg.Evaluate(cigarettes, Jan2025, Jan2026, null));
        // 2024, as a B with YearOffset −1 is asked for by the caller (the period is already shifted): Z5 = 1.
        // Were the offset applied again, 2023 would give 0.
        Assert.Equal([new VariableValue(null, 1, 1)], agg.Evaluate(cigarettes with { YearOffset = -1 }, Jan2024, Jan2025, null));
        // Not cigarettes in 2025: Z2, Z4 = 2 (4 seizures − 2).
        Assert.Equal([new VariableValue(null, 2, 2)],
            agg.Evaluate(cigarettes with { Filter = RecordCondition.Not(RecordCondition.HasItemIn(SeizureCategories.Cigarettes)) }, Jan2025, Jan2026, null));

        // Firearms need the mandate: Z3's pistol is not under mandated control, Z4's cartridges are → 1.
        var firearms = cigarettes with { Filter = RecordCondition.HasItemIn(SeizureCategories.Firearms) };
        Assert.Equal([new VariableValue(null, 1, 1)], agg.Evaluate(firearms, Jan2025, Jan2026, null));

        // With the breakdown by mode of transport: Z1 SEA, Z3 LAND.
        Assert.Equal(
            [new VariableValue(null, 2, 2), new VariableValue("LAND", 1, 1), new VariableValue("SEA", 1, 1)],
            agg.Evaluate(cigarettes, Jan2025, Jan2026, "mode_of_transport"));

        // Replacing the rules applies at once: without the 2402.20 rule no seizure has a cigarettes item.
        warehouse.SyncSeizureCategories(Rules.Where(r => r.Commodity != "2402.20").ToArray());
        Assert.Equal([new VariableValue(null, 0, 0)], agg.Evaluate(cigarettes, Jan2025, Jan2026, null));
        warehouse.SyncSeizureCategories(Rules);
        Assert.Equal([new VariableValue(null, 2, 2)], agg.Evaluate(cigarettes, Jan2025, Jan2026, null));
    }

    public static void SumsAndMeans(IWarehouse warehouse)
    {
        IKpiAggregator agg = warehouse.Aggregator;
        var value = new KpiVariable("A", "seized value", "seizure_item", RecordAggregate.SumOf("estimated_value"), RecordTiming.On("seizure_date"));

        // 2025 items: 100 + 50.5 + 20 + 300 + (Z3/2 has none) + 12.25 = 482.75 over 6 records.
        VariableValue total = Assert.Single(agg.Evaluate(value, Jan2025, Jan2026, null));
        Assert.Equal(6, total.Records);
        Assert.Equal(482.75, total.Value!.Value, 9);

        // 2023 has no item at all: the sum is unknown (null), not 0.
        Assert.Equal([new VariableValue(null, null, 0)], agg.Evaluate(value, new LocalDate(2023, 1, 1), Jan2024, null));
        // A count over the same empty year is 0.
        Assert.Equal([new VariableValue(null, 0, 0)],
            agg.Evaluate(value with { Aggregate = RecordAggregate.Rows }, new LocalDate(2023, 1, 1), Jan2024, "commodity"));

        // Mean over the 5 items that have a value: 482.75 / 5 = 96.55.
        VariableValue mean = Assert.Single(agg.Evaluate(value with { Aggregate = RecordAggregate.MeanOf("estimated_value") }, Jan2025, Jan2026, null));
        Assert.Equal(96.55, mean.Value!.Value, 9);

        // Integer sums are doubles too: line_no over 2025 items = 1 + 2 + 1 + 1 + 2 + 1 = 8.
        VariableValue lines = Assert.Single(agg.Evaluate(value with { Aggregate = RecordAggregate.SumOf("line_no") }, Jan2025, Jan2026, null));
        Assert.Equal(8, lines.Value);
    }

    public static void GroupSharesAndBreakdowns(IWarehouse warehouse)
    {
        IKpiAggregator agg = warehouse.Aggregator;
        var share = new KpiVariable("A", "mean office share with irregularities", "inspection",
            RecordAggregate.MeanShare("office_code", "irregularity_found"), RecordTiming.On("inspection_date"));

        // 2025 by office: OFF-A I1 yes, I2 no, I3 unknown (counts as no), I4 yes → 2/4 = 0.5; OFF-B I5 yes, I6 no → 0.5;
        // OFF-C I7 no → 0. Mean over 3 offices = (0.5 + 0.5 + 0) / 3 = 1/3; Records = 3 groups. (I8 is 2024.)
        // By mode, each office's share within the mode:
        //   AIR: OFF-A {I3 no, I4 yes} = 0.5 → 0.5 over 1 group; LAND: OFF-C {I7 no} = 0 → 0 over 1 group;
        //   SEA: OFF-A {I1 yes, I2 no} = 0.5 and OFF-B {I6 no} = 0 → 0.25 over 2 groups; UNKNOWN (I5 has no mode): OFF-B 1.0.
        IReadOnlyList<VariableValue> byMode = agg.Evaluate(share, Jan2025, Jan2026, "mode_of_transport");
        Assert.Equal([null, "AIR", "LAND", "SEA", "UNKNOWN"], byMode.Select(v => v.BreakdownValue));
        Assert.Equal([3L, 1, 1, 2, 1], byMode.Select(v => v.Records));
        double[] expected = [1.0 / 3, 0.5, 0, 0.25, 1.0];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], byMode[i].Value!.Value, 9);
        }

        // Counting rows by mode: AIR I3, I4 = 2; LAND I7 = 1; SEA I1, I2, I6 = 3; UNKNOWN I5 = 1; total 7.
        var rows = new KpiVariable("B", "inspections", "inspection", RecordAggregate.Rows, RecordTiming.On("inspection_date"));
        Assert.Equal(
            [new VariableValue(null, 7, 7), new VariableValue("AIR", 2, 2), new VariableValue("LAND", 1, 1), new VariableValue("SEA", 3, 3), new VariableValue("UNKNOWN", 1, 1)],
            agg.Evaluate(rows, Jan2025, Jan2026, "mode_of_transport"));

        // A breakdown field the register lacks leaves only the total (a shared denominator keeps its total).
        Assert.Equal([new VariableValue(null, 7, 7)], agg.Evaluate(rows, Jan2025, Jan2026, "gender"));

        // Without a period (Always) the 2024 inspection I8 counts too: 8.
        Assert.Equal([new VariableValue(null, 8, 8)], agg.Evaluate(rows with { Timing = RecordTiming.Always }, Jan2025, Jan2026, null));
    }

    /// <summary>
    /// K41's aggregate: the mean, over the frontline staff employed in the period (all of them, assessed or not), of each
    /// one's share of distinct competencies whose latest assessment in the period shows a gap. Loads the competency
    /// assessments itself (after <see cref="LoadAll"/>).
    /// </summary>
    public static void LinkedShares(IWarehouse warehouse)
    {
        Load(warehouse, RegisterList.CompetencyAssessment, Run("run-ca", ExtractWindow.Everything),
        [
            Assessment(1, "S1", "X", "2025-02-01", 3, 2),
            Assessment(2, "S1", "X", "2025-10-01", 3, 3),
            Assessment(3, "S1", "Y", "2025-03-01", 2, 1),
            Assessment(4, "S1", "Z", "2025-03-01", 2, 2),
            Assessment(5, "S1", "W", "2024-11-01", 2, 1),
            Assessment(6, "S4", "X", "2025-04-01", 4, 2),
            Assessment(7, "S6", "Y", "2025-01-10", 2, 1),
            Assessment(8, "S3", "X", "2025-05-01", 3, 1),
            Assessment(9, "S9", "X", "2025-06-01", 3, 1),
        ]);
        IKpiAggregator agg = warehouse.Aggregator;
        var gap = new KpiVariable("A", "mean competency gap share of frontline staff", "staff",
            RecordAggregate.MeanLinkedShare("competency_assessment", "staff_id", "competency_id", "has_gap", "assessed_on"),
            RecordTiming.During("employment_start", "employment_end"), RecordCondition.True("frontline_inspection"));

        // 2025, frontline staff employed during the year: S1, S4, S5 (S6 left on 2024-12-30; S3 is not frontline; S9 is no
        // staff member). S1: X (latest, October: no gap), Y gap, Z none → 1/3 (counting records would give 2/4);
        // S4: X gap → 1; S5 not assessed → 0, but in N. Mean (1/3 + 1 + 0) / 3 = 4/9 over 3 officers.
        // By gender: FEMALE S1 → 1/3 over 1; MALE S4, S5 → (1 + 0) / 2 = 0.5 over 2.
        IReadOnlyList<VariableValue> byGender = agg.Evaluate(gap, Jan2025, Jan2026, "gender");
        Assert.Equal([null, "FEMALE", "MALE"], byGender.Select(v => v.BreakdownValue));
        Assert.Equal([3L, 1, 2], byGender.Select(v => v.Records));
        double[] expected = [4.0 / 9, 1.0 / 3, 0.5];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], byGender[i].Value!.Value, 9);
        }

        // 2024: S1, S4 (from June), S6 (until 30 December); only S1 assessed (W, gap) → (1 + 0 + 0) / 3.
        VariableValue y2024 = Assert.Single(agg.Evaluate(gap, Jan2024, Jan2025, null));
        Assert.Equal(3L, y2024.Records);
        Assert.Equal(1.0 / 3, y2024.Value!.Value, 9);

        // 2023: S1 and S6 employed, nobody assessed: no value (not 0), N still 2.
        Assert.Equal([new VariableValue(null, null, 2)], agg.Evaluate(gap, new LocalDate(2023, 1, 1), Jan2024, null));
    }

    public static void ConditionsAndErrors(IWarehouse warehouse)
    {
        IKpiAggregator agg = warehouse.Aggregator;
        var rows = new KpiVariable("A", "inspections", "inspection", RecordAggregate.Rows, RecordTiming.On("inspection_date"));
        double? Count(RecordCondition condition) => agg.Evaluate(rows with { Filter = condition }, Jan2025, Jan2026, null)[0].Value;

        // 2025 inspections I1–I7. RANDOM: I2, I7 = 2; not RANDOM: the other 5.
        Assert.Equal(2, Count(RecordCondition.Is("selection_source", "RANDOM")));
        Assert.Equal(5, Count(RecordCondition.Not(RecordCondition.Is("selection_source", "RANDOM"))));
        // Irregularity recorded as no: I2, I6, I7 = 3 (I3 is unknown); not yes: I2, I3, I6, I7 = 4.
        Assert.Equal(3, Count(RecordCondition.False("irregularity_found")));
        Assert.Equal(4, Count(RecordCondition.Not(RecordCondition.True("irregularity_found"))));
        // RANDOM or irregular: I1, I2, I4, I5, I7 = 5; SEA and irregular: I1 = 1; a mode given: all but I5 = 6.
        Assert.Equal(5, Count(RecordCondition.Either(RecordCondition.Is("selection_source", "RANDOM"), RecordCondition.True("irregularity_found"))));
        Assert.Equal(1, Count(RecordCondition.Both(RecordCondition.Is("mode_of_transport", "SEA"), RecordCondition.True("irregularity_found"))));
        Assert.Equal(6, Count(RecordCondition.Present("mode_of_transport")));
        // A mode not in the records: none; two modes: SEA I1, I2, I6 + AIR I3, I4 = 5.
        Assert.Equal(0, Count(RecordCondition.Is("mode_of_transport", "RAIL")));
        Assert.Equal(5, Count(RecordCondition.Is("mode_of_transport", "SEA", "AIR")));

        // Field names are a closed set per register; values travel as parameters, so text meant as SQL is just a value.
        ArgumentException unknown = Assert.Throws<ArgumentException>(() => agg.Evaluate(rows with { Filter = RecordCondition.Present("nope") }, Jan2025, Jan2026, null));
        Assert.Contains("record type 'inspection' has no field 'nope'", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => agg.Evaluate(rows with { Aggregate = RecordAggregate.SumOf("office_code; DROP TABLE fact_inspection") }, Jan2025, Jan2026, null));
        Assert.Throws<ArgumentException>(() => agg.Evaluate(rows with { Filter = RecordCondition.Is("mode_of_transport", "SEA' OR 1=1 --") }, Jan2025, Jan2026, null));
        Assert.Equal(0, Count(RecordCondition.Is("office_code", "OFF-A' OR '1'='1")));
        Assert.Throws<ArgumentException>(() => agg.Evaluate(rows with { Register = "nope" }, Jan2025, Jan2026, null));
        Assert.Throws<ArgumentException>(() => agg.Evaluate(rows with { Filter = RecordCondition.HasItemIn(SeizureCategories.Drugs) }, Jan2025, Jan2026, null));
        Assert.Throws<ArgumentException>(() => agg.Evaluate(KpiVariable.Entered("A", "entered"), Jan2025, Jan2026, null));
    }

    /// <summary>Every variable of <see cref="VariableBattery"/> runs on the engine and gives a total first; counts are never null.</summary>
    public static void EveryBatteryQueryRuns(IWarehouse warehouse)
    {
        IKpiAggregator agg = warehouse.Aggregator;
        foreach ((KpiVariable variable, string? breakdown) in VariableBattery.All())
        {
            IReadOnlyList<VariableValue> values;
            try
            {
                values = agg.Evaluate(variable, Jan2025, Jan2026, breakdown);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{variable.Description} by {breakdown ?? "nothing"} failed on {warehouse.Engine}: {e.Message}", e);
            }

            Assert.Null(values[0].BreakdownValue);
            if (variable.Aggregate is CountRows or CountDistinct)
            {
                Assert.All(values, v => Assert.NotNull(v.Value));
            }
        }
    }

    private static List<string> Quarantine(SqlCommands sql, string recordType) =>
        sql.Rows(
                "SELECT source_name, source_row, source_key, business_date_raw, field, reason, raw_value, run_id FROM dq_quarantine WHERE pipeline = @p AND record_type = @t ORDER BY source_row",
                ("p", Pipeline), ("t", recordType))
            .Select(r => string.Join('|', Enumerable.Range(0, 8).Select(i => r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();

    private static RecordRow Staff(long row, string id, string gender, string grade, bool frontline, string start, string? end) =>
        Record(RegisterList.Staff, row, ("staff_id", id), ("gender", gender), ("grade", grade), ("frontline_inspection", frontline),
            ("employment_start", Date(start)), ("employment_end", end is null ? null : Date(end)));

    private static RecordRow Assessment(long row, string staff, string competency, string date, long required, long acquired) =>
        Record(RegisterList.CompetencyAssessment, row, ("staff_id", staff), ("competency_id", competency), ("assessed_on", Date(date)),
            ("required_level", required), ("acquired_level", acquired), ("has_gap", acquired < required));

    private static RecordRow Seizure(long row, string id, string date, string office, string objectType, string mode) =>
        Record(RegisterList.Seizure, row, ("seizure_id", id), ("seizure_date", Date(date)), ("office_code", office), ("object_type", objectType),
            ("mode_of_transport", mode), ("via_passenger_control", objectType == "PASSENGER"), ("performed_by", "CUSTOMS"));

    private static RecordRow Item(long row, string seizure, long line, string date, string commodity, double? value, bool? mandated) =>
        Record(RegisterList.SeizureItem, row, ("seizure_id", seizure), ("line_no", line), ("seizure_date", Date(date)), ("commodity", commodity),
            ("estimated_value", value), ("mandated_control", mandated));

    private static RecordRow Inspection(long row, string id, string date, string office, string? mode, string selection, bool? irregularity) =>
        Record(RegisterList.Inspection, row, ("inspection_id", id), ("inspection_date", Date(date)), ("office_code", office), ("object_type", "GOODS"),
            ("mode_of_transport", mode), ("inspection_type", "PHYSICAL"), ("performed_by", "CUSTOMS"), ("selection_source", selection),
            ("irregularity_found", irregularity), ("started_at", Instant.FromUtc(2025, 1, 5, 8, 30)));

    private static RecordRow Record(RecordSchema register, long row, params (string Field, object? Value)[] values) =>
        TestRows.Row(register, $"{register.Name}.csv", row, values);

    private static LocalDate Date(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    /// <summary>LoadResult holds a list; records compare lists by reference, so compare the years by content.</summary>
    private sealed class LoadResultComparer : IEqualityComparer<LoadResult>
    {
        public static LoadResultComparer Instance { get; } = new();

        public bool Equals(LoadResult? x, LoadResult? y) =>
            x is not null && y is not null && (x.Loaded, x.Quarantined, x.Replaced) == (y.Loaded, y.Quarantined, y.Replaced)
            && x.YearsTouched.SequenceEqual(y.YearsTouched);

        public int GetHashCode(LoadResult obj) => HashCode.Combine(obj.Loaded, obj.Quarantined, obj.Replaced);
    }
}
