namespace PmmEtl.Reports.Html;

/// <summary>The report's only stylesheet, inline. System fonts only: nothing is fetched when the file is opened.</summary>
internal static class ReportStyle
{
    public const string Css = """
        :root { --ink:#1f2d3a; --muted:#5f6f7f; --line:#d9e0e6; --soft:#f3f6f8; --accent:#1f5f8b; }
        * { box-sizing: border-box; }
        body { margin:0; background:#eef2f5; color:var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
        main { max-width: 1200px; margin: 0 auto; padding: 24px 28px 40px; background:#fff; }
        .eyebrow { color:var(--muted); text-transform:uppercase; letter-spacing:.08em; font-size:12px; }
        h1 { font-size: 26px; margin: 4px 0 10px; }
        h2 { font-size: 20px; margin: 34px 0 12px; padding-bottom:6px; border-bottom: 2px solid var(--accent); }
        h3 { font-size: 17px; margin: 0 0 4px; }
        h4 { font-size: 13px; margin: 0 0 6px; color:var(--muted); text-transform:uppercase; letter-spacing:.05em; }
        .badges { display:flex; gap:8px; align-items:center; flex-wrap:wrap; margin-bottom: 12px; }
        .badge { display:inline-block; padding:2px 10px; border-radius: 12px; font-size:12px; font-weight:600; background:var(--soft); border:1px solid var(--line); }
        .aud-public { background:#e3f4e8; border-color:#9fd3ae; color:#1d6b35; }
        .aud-wco { background:#e3eef9; border-color:#9fc1e3; color:#1f5f8b; }
        .aud-national { background:#fbeee0; border-color:#e8be8f; color:#8a4b0f; }
        dl.facts { display:grid; grid-template-columns: repeat(4, minmax(0,1fr)); gap: 6px 18px; margin: 0; padding: 12px 14px; background:var(--soft); border-radius:6px; }
        dl.facts div { min-width:0; }
        dl.facts dt { font-size:11px; color:var(--muted); text-transform:uppercase; letter-spacing:.04em; }
        dl.facts dd { margin:0; overflow-wrap:anywhere; }
        nav.toc { margin: 16px 0 0; font-size: 13px; }
        nav.toc a { color: var(--accent); text-decoration:none; margin-right: 12px; white-space:nowrap; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align:left; vertical-align: top; }
        th { font-size: 11px; text-transform: uppercase; letter-spacing:.04em; color: var(--muted); font-weight:600; background:var(--soft); }
        td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; white-space:nowrap; }
        tr.group td { background:#fafbfc; font-weight:600; color:var(--muted); font-size:12px; }
        .up, .down, .same { font-variant-numeric: tabular-nums; }
        .up::before { content:"▲ "; color:#7a8a99; font-size:10px; }
        .down::before { content:"▼ "; color:#7a8a99; font-size:10px; }
        .supp, .nm, .none { color:#8a97a5; font-style: italic; }
        .txt { display:inline-block; max-width: 28em; white-space: normal; text-align:left; }
        .hint { color:var(--muted); font-size:12px; }
        article.kpi { margin: 22px 0 0; padding: 16px 18px 18px; border:1px solid var(--line); border-radius: 8px; break-inside: avoid-page; }
        .code { display:inline-block; min-width: 40px; color:#fff; background:var(--accent); border-radius:4px; padding:0 6px; margin-right:6px; font-size:14px; text-align:center; }
        .definition { color: var(--muted); margin: 0 0 12px; max-width: 980px; }
        .headline { font-size: 22px; font-weight: 700; margin: 2px 0 10px; }
        .headline small { font-size: 13px; font-weight: 400; color: var(--muted); margin-left: 8px; }
        .grid { display:grid; grid-template-columns: repeat(2, minmax(0,1fr)); gap: 14px 22px; margin-top: 10px; }
        figure { margin:0; }
        figcaption { font-size:12px; color:var(--muted); margin-top:2px; }
        svg.chart { display:block; width:100%; height:auto; font-family: inherit; }
        footer { margin-top: 36px; padding-top: 12px; border-top:1px solid var(--line); color:var(--muted); font-size:12px; }
        @media print { body { background:#fff; } main { padding: 0; } }
        """;
}
