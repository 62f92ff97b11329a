import Support

/// One coloured bar per group, with an optional interval whisker.
struct BarSeries {
    var name: String
    var values: [Double]
    /// `(low, high)` per group, or nil for no whisker.
    var intervals: [(Double, Double)?]
}

/// Bar charts: model comparison (horizontal, with CI whiskers and a benchmark line) and explained variance.
enum BarCharts {
    /// Horizontal grouped bars: one group per label, one bar per series, whiskers for intervals,
    /// and a dashed vertical line at `benchmark`.
    static func comparison(groups: [String], series: [BarSeries], benchmark: Double?, valueLabel: String, title: String,
                           width: Double = 880) -> String {
        let barHeight = 13.0, gap = 10.0
        let groupHeight = Double(series.count) * barHeight + gap
        var frame = ChartFrame()
        frame.left = 8 + Double(groups.map(\.count).max() ?? 8) * 7.2
        frame.width = width
        let legendNames = series.map(\.name) + (benchmark.map { ["benchmark r = \(NumberFormat.r($0))"] } ?? [])
        frame.top += 18 * Double(ChartFrame.legendRows(legendNames, right: frame.plotRight) - 1)
        frame.height = frame.top + frame.bottom + Double(groups.count) * groupHeight + gap
        var all = series.flatMap { s in s.values + s.intervals.flatMap { $0.map { [$0.0, $0.1] } ?? [] } }.filter(\.isFinite)
        if let benchmark { all.append(benchmark) }
        // A Pearson r axis never goes beyond what r can be.
        let ticks = Ticks(max(-1, min(0, all.min() ?? 0)), min(1, max(0.1, (all.max() ?? 1) * 1.04)), count: width < 500 ? 4 : 6).clipped(-1, 1)
        let xs = frame.xScale(ticks)
        var svg = SVGCanvas(width: frame.width, height: frame.height)
        let groupTicks = groups.indices.map { g in (frame.plotTop + gap + Double(g) * groupHeight + Double(series.count) * barHeight / 2, groups[g]) }
        frame.drawAxes(&svg, x: ticks.values.map { (xs($0), ticks.label($0)) }, y: [], xLabel: valueLabel, yLabel: "")
        for (y, label) in groupTicks {
            svg.text(frame.plotLeft - 8, y + 4, label, anchor: .end, size: 12)
        }
        for (s, bars) in series.enumerated() {
            for (g, value) in bars.values.enumerated() where value.isFinite && g < groups.count {
                let y = frame.plotTop + gap + Double(g) * groupHeight + Double(s) * barHeight
                let x0 = xs(min(0, value)), x1 = xs(max(0, value))
                svg.rect(x0, y + 1, x1 - x0, barHeight - 2, fill: Palette.color(s),
                         title: "\(groups[g]), \(bars.name): \(NumberFormat.r(value))")
                if g < bars.intervals.count, let (lo, hi) = bars.intervals[g], lo.isFinite, hi.isFinite {
                    let mid = y + barHeight / 2
                    svg.line(xs(lo), mid, xs(hi), mid, stroke: Palette.ink, width: 1.3)
                    svg.line(xs(lo), mid - 4, xs(lo), mid + 4, stroke: Palette.ink, width: 1.3)
                    svg.line(xs(hi), mid - 4, xs(hi), mid + 4, stroke: Palette.ink, width: 1.3)
                }
            }
        }
        var legend = series.enumerated().map { (name: $0.element.name, color: Palette.color($0.offset), dashed: false) }
        if let benchmark {
            svg.line(xs(benchmark), frame.plotTop, xs(benchmark), frame.plotBottom, stroke: Palette.benchmark, width: 2, dash: "6 4")
            legend.append((name: "benchmark r = \(NumberFormat.r(benchmark))", color: Palette.benchmark, dashed: true))
        }
        frame.drawLegend(&svg, legend)
        return svg.render(title: title)
    }

    /// Explained variance ratio per component (bars) and its running total (line).
    static func explainedVariance(_ ratios: [Double], title: String, width: Double = 640) -> String {
        var frame = ChartFrame()
        frame.width = width
        frame.height = 340
        var svg = SVGCanvas(width: frame.width, height: frame.height)
        let yTicks = Ticks(0, 1, count: 5)
        let ys = frame.yScale(yTicks)
        let band = (frame.plotRight - frame.plotLeft) / Double(max(1, ratios.count))
        let labelEvery = max(1, ratios.count / (width < 500 ? 6 : 16))
        let xTicks = ratios.indices.filter { $0 % labelEvery == 0 }.map { (frame.plotLeft + (Double($0) + 0.5) * band, String($0 + 1)) }
        frame.drawAxes(&svg, x: xTicks, y: yTicks.values.map { (ys($0), yTicks.label($0)) },
                       xLabel: "component", yLabel: "explained variance ratio")
        var cumulative = 0.0
        var points: [(Double, Double)] = []
        for (i, ratio) in ratios.enumerated() {
            let x = frame.plotLeft + Double(i) * band
            svg.rect(x + band * 0.15, ys(ratio), band * 0.7, ys(0) - ys(ratio), fill: Palette.color(0),
                     title: "component \(i + 1): \(NumberFormat.fixed(ratio, 3))")
            cumulative += ratio.isFinite ? ratio : 0
            points.append((x + band / 2, ys(cumulative)))
        }
        svg.polyline(points, stroke: Palette.color(1), width: 2.5)
        for p in points { svg.circle(p.0, p.1, r: 3, fill: Palette.color(1)) }
        frame.drawLegend(&svg, [("per component", Palette.color(0), false), ("cumulative", Palette.color(1), false)])
        return svg.render(title: title)
    }
}
