import Support
import Foundation

/// Maps a data interval linearly onto a pixel interval.
struct LinearScale {
    var domain: (Double, Double)
    var range: (Double, Double)

    func callAsFunction(_ v: Double) -> Double {
        let span = domain.1 - domain.0
        guard span != 0 else { return (range.0 + range.1) / 2 }
        return range.0 + (v - domain.0) / span * (range.1 - range.0)
    }
}

/// "Nice" tick positions (steps of 1, 2 or 5 × 10^k) covering an interval.
struct Ticks {
    var values: [Double]
    var step: Double

    init(_ low: Double, _ high: Double, count: Int = 5) {
        var lo = low, hi = high
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        if hi - lo < 1e-12 { lo -= 0.5; hi += 0.5 }
        let raw = (hi - lo) / Double(max(1, count))
        let magnitude = pow(10, floor(log10(raw)))
        let fraction = raw / magnitude
        let niceFraction: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        let step = niceFraction * magnitude
        let first = (lo / step).rounded(.down), last = (hi / step).rounded(.up)
        self.step = step
        values = stride(from: first, through: last, by: 1).map { $0 * step }
    }

    /// The ticks inside `low...high` (for a Pearson r axis: -1...1), keeping at least two.
    func clipped(_ low: Double, _ high: Double) -> Ticks {
        var out = self
        let kept = values.filter { $0 >= low - 1e-9 && $0 <= high + 1e-9 }
        if kept.count >= 2 { out.values = kept }
        return out
    }

    var low: Double { values.first ?? 0 }
    var high: Double { values.last ?? 1 }

    /// Decimals needed to print ticks at this step.
    var decimals: Int { max(0, Int(-floor(log10(step) + 1e-9))) }

    func label(_ v: Double) -> String {
        decimals == 0 && abs(v) >= 1000 && abs(v) < 1e15 ? NumberFormat.grouped(Int(v.rounded())) : NumberFormat.fixed(v, decimals)
    }
}

/// The plotting area of a chart and its axes.
struct ChartFrame {
    var width = 640.0, height = 380.0
    var left = 64.0, right = 24.0, top = 36.0, bottom = 52.0

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }

    func xScale(_ ticks: Ticks) -> LinearScale { LinearScale(domain: (ticks.low, ticks.high), range: (plotLeft, plotRight)) }
    func yScale(_ ticks: Ticks) -> LinearScale { LinearScale(domain: (ticks.low, ticks.high), range: (plotBottom, plotTop)) }

    /// Grid lines, tick labels and axis titles.
    func drawAxes(_ svg: inout SVGCanvas, x: [(Double, String)], y: [(Double, String)], xLabel: String, yLabel: String) {
        for (py, label) in y {
            svg.line(plotLeft, py, plotRight, py, stroke: Palette.grid)
            svg.text(plotLeft - 8, py + 4, label, anchor: .end, size: 12, fill: Palette.muted)
        }
        for (px, label) in x {
            svg.line(px, plotTop, px, plotBottom, stroke: Palette.grid)
            svg.text(px, plotBottom + 18, label, anchor: .middle, size: 12, fill: Palette.muted)
        }
        svg.line(plotLeft, plotBottom, plotRight, plotBottom, stroke: Palette.ink)
        svg.line(plotLeft, plotTop, plotLeft, plotBottom, stroke: Palette.ink)
        svg.text((plotLeft + plotRight) / 2, height - 12, xLabel, anchor: .middle, size: 13, bold: true)
        svg.text(16, (plotTop + plotBottom) / 2, yLabel, anchor: .middle, size: 13, bold: true, rotate: true)
    }

    /// Numeric axes from tick sets.
    func drawAxes(_ svg: inout SVGCanvas, xTicks: Ticks, yTicks: Ticks, xLabel: String, yLabel: String) {
        let xs = xScale(xTicks), ys = yScale(yTicks)
        drawAxes(&svg, x: xTicks.values.map { (xs($0), xTicks.label($0)) },
                 y: yTicks.values.map { (ys($0), yTicks.label($0)) }, xLabel: xLabel, yLabel: yLabel)
    }

    /// A legend in the top margin, right-aligned, wrapping onto more rows when the chart is narrow
    /// (make room with `legendRows` before drawing).
    func drawLegend(_ svg: inout SVGCanvas, _ entries: [(name: String, color: String, dashed: Bool)]) {
        for (row, items) in Self.legendLayout(entries.map(\.name), right: plotRight).enumerated() {
            let y = 20 + 18 * Double(row)
            var x = plotRight
            for i in items.reversed() {
                let entry = entries[i]
                x -= Self.legendTextWidth(entry.name)
                svg.text(x, y, entry.name, size: 12)
                x -= 26
                svg.line(x, y - 4, x + 20, y - 4, stroke: entry.color, width: 3, dash: entry.dashed ? "6 4" : nil)
                x -= 14
            }
        }
    }

    /// How many legend rows `names` need in a chart whose plot ends at `right`.
    static func legendRows(_ names: [String], right: Double) -> Int { max(1, legendLayout(names, right: right).count) }

    private static func legendTextWidth(_ name: String) -> Double { Double(name.count) * 6.8 }

    /// Entry indices per row, in order: each row holds what fits between x = 4 and `right`.
    private static func legendLayout(_ names: [String], right: Double) -> [[Int]] {
        var rows: [[Int]] = [], width = 0.0
        for (i, name) in names.enumerated() {
            let w = legendTextWidth(name) + 40
            if rows.isEmpty || width + w > right - 4 { rows.append([i]); width = w } else { rows[rows.count - 1].append(i); width += w }
        }
        return rows
    }
}
