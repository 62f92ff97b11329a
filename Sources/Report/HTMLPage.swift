/// The HTML page shell shared by reports and the index: inline CSS, no scripts, no external resources.
enum HTMLPage {
    static func render(title: String, subtitle: String, nav: String?, body: String) -> String {
        // On narrow screens the contents collapse to one line above the title; the checkbox opens them (no script).
        let navBlock = nav.map { "<nav class=\"toc\" aria-label=\"Contents\">\n<input type=\"checkbox\" id=\"toc-open\" class=\"toc-open\">\n"
            + "<label for=\"toc-open\" class=\"toc-title\">Contents</label>\n<ul>\n\($0)\n</ul>\n</nav>\n" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLWriter.escape(title))</title>
            <style>
            \(css)
            </style>
            </head>
            <body>
            <div class="page\(nav == nil ? " single" : "")">
            \(navBlock)<main>
            <header>
            <h1>\(HTMLWriter.escape(title))</h1>
            <p class="subtitle">\(HTMLWriter.escape(subtitle))</p>
            </header>
            \(body)
            </main>
            </div>
            </body>
            </html>

            """
    }

    static let css = """
        :root { color-scheme: light; --ink: #222; --muted: #5f6368; --rule: #e3e3e3; --accent: #0072B2; --bg-soft: #f6f7f9; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        .page { display: grid; grid-template-columns: 220px minmax(0, 960px); gap: 32px; justify-content: center; padding: 32px 24px 64px; }
        .page.single { grid-template-columns: minmax(0, 1000px); }
        nav.toc { position: sticky; top: 24px; align-self: start; font-size: 14px; border-right: 1px solid var(--rule); padding-right: 16px; }
        .toc-title { display: block; font-weight: 600; text-transform: uppercase; letter-spacing: .06em; font-size: 12px; color: var(--muted); margin: 0 0 8px; }
        .toc-open { position: absolute; opacity: 0; width: 1px; height: 1px; margin: 0; }
        .toc-open:focus-visible + .toc-title { outline: 2px solid var(--accent); outline-offset: 2px; }
        nav.toc ul { list-style: none; margin: 0; padding: 0; }
        nav.toc li { margin: 2px 0; }
        nav.toc li.l3 { padding-left: 14px; }
        nav.toc li.l4 { padding-left: 28px; font-size: 13px; }
        nav.toc a { color: var(--ink); text-decoration: none; }
        nav.toc a:hover { color: var(--accent); text-decoration: underline; }
        header { border-bottom: 3px solid var(--accent); margin-bottom: 24px; }
        h1 { font-size: 30px; line-height: 1.25; margin: 0 0 6px; }
        .subtitle { color: var(--muted); margin: 0 0 14px; font-size: 14px; }
        h2 { font-size: 24px; margin: 40px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
        h2.part { color: var(--accent); }
        h3 { font-size: 19px; margin: 32px 0 8px; }
        h4 { font-size: 16px; margin: 24px 0 6px; }
        p, ul, ol { margin: 0 0 12px; }
        a { color: var(--accent); }
        h2 a { text-decoration: none; }
        code { font: 13.5px/1.5 ui-monospace, "DejaVu Sans Mono", monospace; background: var(--bg-soft); padding: 1px 4px; border-radius: 3px; }
        pre { background: var(--bg-soft); border: 1px solid var(--rule); border-radius: 6px; padding: 10px 14px; overflow-x: auto; }
        pre code { background: none; padding: 0; }
        .table { overflow-x: auto; margin: 8px 0 16px;
          background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left / 40px 100% no-repeat local,
            linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right / 40px 100% no-repeat local,
            radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.22), rgba(0,0,0,0)) left / 14px 100% no-repeat scroll,
            radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.22), rgba(0,0,0,0)) right / 14px 100% no-repeat scroll; }
        table { border-collapse: collapse; font-size: 13.5px; font-variant-numeric: tabular-nums; }
        th, td { padding: 5px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
        th { background: var(--bg-soft); font-weight: 600; border-bottom: 2px solid #c9cdd2; }
        td.num, th.num { text-align: right; white-space: nowrap; }
        td.center, th.center { text-align: center; }
        .step-output { border-left: 3px solid #c9cdd2; padding: 2px 0 2px 16px; margin: 0 0 20px; }
        .step-output-label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .06em; margin: 0 0 8px; }
        .step-output-label code { text-transform: none; letter-spacing: 0; font-size: 12px; }
        figure { margin: 20px 0 28px; }
        svg.chart { display: block; max-width: 100%; height: auto; }
        .chart-narrow { display: none; }
        .figure-row { display: flex; flex-wrap: wrap; gap: 20px; }
        .figure-row figure { flex: 1 1 400px; margin-top: 12px; }
        td:last-child:not(.num) { overflow-wrap: anywhere; min-width: 12em; }
        figcaption { color: var(--muted); font-size: 14px; margin-top: 6px; max-width: 720px; }
        #discussion ~ p { max-width: 760px; }
        @media (max-width: 900px) {
          .page { grid-template-columns: minmax(0, 1fr); }
          nav.toc { position: static; border: 0; border-bottom: 1px solid var(--rule); padding: 0 0 8px; }
          nav.toc .toc-title { cursor: pointer; margin: 0; font-size: 14px; }
          nav.toc .toc-title::before { content: "▸ "; }
          nav.toc ul { display: none; margin-top: 8px; }
          .toc-open:checked ~ ul { display: block; }
          .toc-open:checked + .toc-title::before { content: "▾ "; }
        }
        @media (max-width: 600px) {
          .page { padding: 16px 12px 48px; }
          .chart-wide { display: none; }
          .chart-narrow { display: block; }
          .chart-box { overflow-x: auto; }
          .chart-box svg.chart { max-width: none; }
        }
        @media print { nav.toc { display: none; } .page { grid-template-columns: 1fr; } }
        """
}
