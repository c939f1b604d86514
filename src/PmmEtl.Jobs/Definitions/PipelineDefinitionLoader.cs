using System.Globalization;
using Cronos;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Time;
using PmmEtl.Extract;
using PmmEtl.Jobs.Inputs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PmmEtl.Jobs.Definitions;

/// <summary>
/// Reads and validates a pipeline YAML file before any data moves. Relative paths are resolved against the
/// file's folder, so a pipeline runs the same from any working directory. Secrets stay out of the YAML:
/// a connection string may be given as <c>connection_string_env</c>, the name of an environment variable.
/// </summary>
public static class PipelineDefinitionLoader
{
    public static PipelineDefinition Load(string path) => Load(path, KpiCatalogue.All);

    /// <param name="path">The pipeline YAML file.</param>
    /// <param name="catalogue">
    /// The entries <c>kpis:</c> names and the input files are validated against: <see cref="KpiCatalogue.All"/> in
    /// production, a small list in tests.
    /// </param>
    public static PipelineDefinition Load(string path, IReadOnlyList<KpiDefinition> catalogue)
    {
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new PipelineDefinitionException(path, [$"file not found: {fullPath}"]);
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(fullPath);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new PipelineDefinitionException(path, [$"line {e.Start.Line}: not valid YAML: {e.Message}"]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PipelineDefinitionException(path, ["the file must hold one YAML mapping (name, source, offices, …)"]);
        }

        var problems = new List<string>();
        var top = new YamlNodeReader(root, "", problems);
        string folder = Path.GetDirectoryName(fullPath)!;
        top.OnlyKeys("name", "source", "offices", "warehouse", "schedule", "window", "kpis", "output", "dst", "freshness", "publish",
            "inputs", "currency", "periods", "valid_range", "covers");

        string name = top.String("name", required: true) ?? "";
        if (name.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9][a-z0-9_-]*$"))
        {
            top.Problem(top.Get("name"), "name", "use lower-case letters, digits, '-' and '_' (it names folders and jobs)");
        }

        SourceDefinition? source = ReadSource(top.Mapping("source", required: true), folder);
        IReadOnlyList<OfficeDefinition> offices = ReadOffices(top);
        WcoSectionReader.CheckDefaultOffice(top, source?.Wco, offices);
        WarehouseDefinition? warehouse = ReadWarehouse(top.Mapping("warehouse", required: true), folder);
        ScheduleDefinition? schedule = ReadSchedule(top.Mapping("schedule", required: true));
        WindowDefinition window = ReadWindow(top.Mapping("window", required: false));
        IReadOnlyList<KpiDefinition> kpis = ReadKpis(top, catalogue);
        string? output = top.String("output", required: true);
        OutputFolderCheck.Check(top, output, folder);
        DstPolicy dst = ReadDst(top.Mapping("dst", required: false));
        PublishDefinition publish = ReadPublish(top);
        Duration? maxSourceAge = null;
        if (top.Mapping("freshness", required: false) is { } freshness)
        {
            freshness.OnlyKeys("max_source_age_hours");
            maxSourceAge = freshness.Int("max_source_age_hours", required: true, 1, 24 * 366) is { } hours ? Duration.FromHours(hours) : null;
        }

        IReadOnlyDictionary<string, double> rates = ReadCurrency(top.Mapping("currency", required: false));
        ValidRange range = ReadValidRange(top.Mapping("valid_range", required: false));
        int financialYearStart = ReadPeriods(top.Mapping("periods", required: false));
        IReadOnlyDictionary<string, DeclaredCoverage> covers = CoversSectionReader.Read(top.Mapping("covers", required: false));
        PipelineInputs inputs = InputsSectionReader.Read(top.Mapping("inputs", required: false), folder, catalogue, financialYearStart, problems);

        if (problems.Count > 0)
        {
            throw new PipelineDefinitionException(path, problems);
        }

        return new PipelineDefinition
        {
            Name = name,
            DefinitionPath = fullPath,
            Source = source!,
            Offices = offices,
            Warehouse = warehouse!,
            Schedule = schedule!,
            Window = window,
            Kpis = kpis,
            OutputFolder = Path.GetFullPath(Path.Combine(folder, output!)),
            Dst = dst,
            MaxSourceAge = maxSourceAge,
            Publish = publish,
            Inputs = inputs.Inputs,
            InputFiles = inputs.Files,
            SeizureCategories = inputs.SeizureCategories,
            ExchangeRates = rates,
            FinancialYearStartMonth = financialYearStart,
            Range = range,
            Covers = covers,
        };
    }

    /// <summary>
    /// <c>valid_range: { from: 1900-01-01, to: 2199-12-31 }</c>: the dates and instants accepted (the default); a
    /// value outside refuses its record. Bounded to what every engine and writer can hold.
    /// </summary>
    private static ValidRange ReadValidRange(YamlNodeReader? r)
    {
        if (r is null)
        {
            return ValidRange.Default;
        }

        r.OnlyKeys("from", "to");
        LocalDate? Date(string key)
        {
            string? text = r.String(key, required: true);
            if (text is null)
            {
                return null;
            }

            NodaTime.Text.ParseResult<LocalDate> parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(text.Trim());
            if (!parsed.Success || parsed.Value.Year < 1753 || parsed.Value.Year > 9998)
            {
                r.Problem(r.Get(key), key, $"expected a date yyyy-MM-dd between 1753 and 9998 (what every engine and the workbook can hold), got '{text}'");
                return null;
            }

            return parsed.Value;
        }

        LocalDate? from = Date("from");
        LocalDate? to = Date("to");
        if (from is { } f && to is { } t && f > t)
        {
            r.Problem(r.Get("to"), "to", "must not be before from");
        }

        return from is { } a && to is { } b && a <= b ? new ValidRange(a, b) : ValidRange.Default;
    }

    // The source section (relational, csv, wco-xml) is read in its own class: SourceSectionReader.
    private static SourceDefinition? ReadSource(YamlNodeReader? s, string folder) => SourceSectionReader.Read(s, folder);

    private static IReadOnlyList<OfficeDefinition> ReadOffices(YamlNodeReader top)
    {
        var offices = new List<OfficeDefinition>();
        YamlSequenceNode? list = top.Sequence("offices", required: true);
        if (list is null)
        {
            return offices;
        }

        if (list.Children.Count == 0)
        {
            top.Problem(list, "offices", "list at least one office");
        }

        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < list.Children.Count; i++)
        {
            if (list.Children[i] is not YamlMappingNode node)
            {
                top.Problem(list.Children[i], $"offices[{i}]", "expected a mapping (code, name, type, country, zone, main_entry, main_exit)");
                continue;
            }

            YamlNodeReader o = top.Child(node, $"offices[{i}]");
            o.OnlyKeys("code", "name", "type", "country", "zone", "main_entry", "main_exit");
            string? code = o.String("code", required: true);
            string? zoneId = o.String("zone", required: true);
            DateTimeZone? zone = null;
            if (zoneId is not null && !Tzdb.TryGetZone(zoneId, out zone))
            {
                o.Problem(o.Get("zone"), "zone", $"'{zoneId}' is not an IANA time zone of tzdb {Tzdb.Version}");
            }

            if (code is not null && !codes.Add(code))
            {
                o.Problem(o.Get("code"), "code", $"office '{code}' is listed twice");
            }

            var office = new OfficeDefinition
            {
                Code = code ?? "",
                Name = o.String("name", required: true) ?? "",
                OfficeType = o.String("type", required: true) ?? "",
                Country = o.String("country", required: true) ?? "",
                Zone = zone ?? DateTimeZone.Utc,
                MainEntry = o.Bool("main_entry", false),
                MainExit = o.Bool("main_exit", false),
            };
            offices.Add(office);
        }

        return offices;
    }

    private static WarehouseDefinition? ReadWarehouse(YamlNodeReader? w, string folder)
    {
        if (w is null)
        {
            return null;
        }

        w.OnlyKeys("engine", "path", "connection_string", "connection_string_env");
        string? engine = w.String("engine", required: true);
        if (engine is not null && !WarehouseDefinition.Engines.Contains(engine))
        {
            w.Problem(w.Get("engine"), "engine", $"unknown warehouse engine '{engine}' (supported: {string.Join(", ", WarehouseDefinition.Engines)})");
            return null;
        }

        if (engine == "duckdb")
        {
            string? path = w.String("path", required: true);
            return path is null ? null : new WarehouseDefinition(engine, Path.GetFullPath(Path.Combine(folder, path)), null);
        }

        string? connection = engine is null ? null : ConnectionStrings.Read(w, engine);
        return engine is null || connection is null ? null : new WarehouseDefinition(engine, null, connection);
    }

    private static ScheduleDefinition? ReadSchedule(YamlNodeReader? s)
    {
        if (s is null)
        {
            return null;
        }

        s.OnlyKeys("cron", "time_zone", "catch_up");
        string? cron = s.String("cron", required: true);
        if (cron is not null)
        {
            try
            {
                CronExpression.Parse(cron, cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            }
            catch (CronFormatException e)
            {
                s.Problem(s.Get("cron"), "cron", $"not a cron expression: {e.Message}");
            }
        }

        string? zoneId = s.String("time_zone", required: true);
        DateTimeZone? zone = null;
        if (zoneId is not null && !Tzdb.TryGetZone(zoneId, out zone))
        {
            s.Problem(s.Get("time_zone"), "time_zone", $"'{zoneId}' is not an IANA time zone");
        }

        string catchUp = s.String("catch_up", required: false) ?? "all";
        CatchUpPolicy policy = catchUp switch
        {
            "all" => CatchUpPolicy.All,
            "latest" => CatchUpPolicy.Latest,
            _ => Bad(s, "catch_up", catchUp, "all or latest", CatchUpPolicy.All),
        };
        return cron is null || zone is null ? null : new ScheduleDefinition(cron, zone, policy);
    }

    private static WindowDefinition ReadWindow(YamlNodeReader? w)
    {
        if (w is null)
        {
            return new WindowDefinition(WindowMode.Nightly, 7);
        }

        w.OnlyKeys("mode", "lookback_days");
        string mode = w.String("mode", required: false) ?? "nightly";
        WindowMode parsed = mode switch
        {
            "full" => WindowMode.Full,
            "nightly" => WindowMode.Nightly,
            _ => Invalid(),
        };
        return new WindowDefinition(parsed, w.Int("lookback_days", required: false, 1, 366) ?? 7);

        WindowMode Invalid()
        {
            w.Problem(w.Get("mode"), "mode", $"unknown window mode '{mode}' (expected full or nightly)");
            return WindowMode.Nightly;
        }
    }

    private static IReadOnlyList<KpiDefinition> ReadKpis(YamlNodeReader top, IReadOnlyList<KpiDefinition> catalogue)
    {
        YamlNode? node = top.Get("kpis");
        if (node is null || node is YamlScalarNode { Value: "all" })
        {
            return catalogue;
        }

        if (node is not YamlSequenceNode list)
        {
            top.Problem(node, "kpis", "expected all or a list of KPI codes (K01, FOS-1.1, …)");
            return [];
        }

        var kpis = new List<KpiDefinition>();
        for (int i = 0; i < list.Children.Count; i++)
        {
            string? code = (list.Children[i] as YamlScalarNode)?.Value;
            KpiDefinition? kpi = code is null ? null : catalogue.FirstOrDefault(k => string.Equals(k.Code, code, StringComparison.OrdinalIgnoreCase)
                                                                                  || string.Equals(k.Id, code, StringComparison.OrdinalIgnoreCase));
            if (kpi is null)
            {
                top.Problem(list.Children[i], $"kpis[{i}]", $"unknown KPI '{code}' (known: {string.Join(", ", catalogue.Select(k => k.Code))})");
            }
            else if (kpis.Contains(kpi))
            {
                top.Problem(list.Children[i], $"kpis[{i}]", $"{kpi.Code} is listed twice");
            }
            else
            {
                kpis.Add(kpi);
            }
        }

        return kpis;
    }

    /// <summary><c>currency.usd_rates</c>: USD per unit of each currency (ISO 4217 codes); USD is 1 by definition.</summary>
    private static Dictionary<string, double> ReadCurrency(YamlNodeReader? c)
    {
        var rates = new Dictionary<string, double>(StringComparer.Ordinal) { ["USD"] = 1.0 };
        if (c is null)
        {
            return rates;
        }

        c.OnlyKeys("usd_rates");
        if (c.Mapping("usd_rates", required: false) is not { } map)
        {
            return rates;
        }

        foreach (var (keyNode, value) in map.Node.Children)
        {
            string currency = (keyNode as YamlScalarNode)?.Value ?? "";
            string? text = (value as YamlScalarNode)?.Value;
            if (!System.Text.RegularExpressions.Regex.IsMatch(currency, "^[A-Z]{3}$"))
            {
                map.Problem(keyNode, currency, "not an ISO 4217 currency code (three upper-case letters, e.g. EUR)");
                continue;
            }

            if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate)
                || !double.IsFinite(rate) || rate <= 0)
            {
                map.Problem(value, currency, $"expected a positive number of USD per {currency}, got '{text}'");
                continue;
            }

            if (currency == "USD" && rate != 1.0)
            {
                map.Problem(value, currency, $"USD is 1 USD by definition, got {text}");
                continue;
            }

            rates[currency] = rate;
        }

        return rates;
    }

    private static int ReadPeriods(YamlNodeReader? p)
    {
        if (p is null)
        {
            return 1;
        }

        p.OnlyKeys("financial_year_start");
        return p.Int("financial_year_start", required: false, 1, 12) ?? 1;
    }

    private static DstPolicy ReadDst(YamlNodeReader? d)
    {
        if (d is null)
        {
            return DstPolicy.Default;
        }

        d.OnlyKeys("ambiguous", "skipped");
        string ambiguous = d.String("ambiguous", required: false) ?? "earlier";
        string skipped = d.String("skipped", required: false) ?? "shift_forward";
        AmbiguousTimePolicy a = ambiguous switch
        {
            "earlier" => AmbiguousTimePolicy.Earlier,
            "later" => AmbiguousTimePolicy.Later,
            "reject" => AmbiguousTimePolicy.Reject,
            _ => Bad(d, "ambiguous", ambiguous, "earlier, later or reject", AmbiguousTimePolicy.Earlier),
        };
        SkippedTimePolicy s = skipped switch
        {
            "shift_forward" => SkippedTimePolicy.ShiftForward,
            "end_of_gap" => SkippedTimePolicy.EndOfGap,
            "reject" => SkippedTimePolicy.Reject,
            _ => Bad(d, "skipped", skipped, "shift_forward, end_of_gap or reject", SkippedTimePolicy.ShiftForward),
        };
        return new DstPolicy(a, s);
    }

    private static PublishDefinition ReadPublish(YamlNodeReader top)
    {
        if (top.Mapping("publish", required: false) is not { } p)
        {
            return PublishDefinition.Default;
        }

        p.OnlyKeys("audiences", "suppress_below");
        var audiences = new List<Disclosure>();
        if (p.Sequence("audiences", required: false) is { } list)
        {
            for (int i = 0; i < list.Children.Count; i++)
            {
                string? name = (list.Children[i] as YamlScalarNode)?.Value;
                Disclosure? audience = name switch { "public" => Disclosure.Public, "wco" => Disclosure.Wco, "national" => Disclosure.National, _ => null };
                if (audience is null || audiences.Contains(audience.Value))
                {
                    p.Problem(list.Children[i], $"audiences[{i}]", audience is null ? $"unknown audience '{name}' (expected public, wco or national)" : $"audience '{name}' is listed twice");
                    continue;
                }

                audiences.Add(audience.Value);
            }

            if (list.Children.Count == 0)
            {
                p.Problem(list, "audiences", "list at least one audience");
            }
        }

        return new PublishDefinition(audiences.Count > 0 ? audiences : PublishDefinition.Default.Audiences, p.Int("suppress_below", required: false, 1, 1_000_000));
    }

    private static T Bad<T>(YamlNodeReader r, string key, string value, string expected, T fallback)
    {
        r.Problem(r.Get(key), key, $"unknown policy '{value}' (expected {expected})");
        return fallback;
    }
}
