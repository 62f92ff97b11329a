import Support

/// Point clouds: predicted vs actual, and the declared valence–arousal plane.
enum ScatterCharts {
    /// Every `sampleStride`-th row is drawn so that at most `maxPoints` points are drawn.
    static func sampleStride(_ n: Int, maxPoints: Int = 1500) -> Int { max(1, (n + maxPoints - 1) / max(1, maxPoints)) }

    /// Predicted against actual values with the identity line; at most `maxPoints` points (every k-th row).
    static func predictedVsActual(actual: [Double], predicted: [Double], title: String, maxPoints: Int = 1500) -> String {
        let n = min(actual.count, predicted.count)
        let stride = sampleStride(n, maxPoints: maxPoints)
        let rows = Swift.stride(from: 0, to: n, by: stride).filter { actual[$0].isFinite && predicted[$0].isFinite }
        let values = rows.flatMap { [actual[$0], predicted[$0]] }
        let ticks = Ticks(values.min() ?? -1, values.max() ?? 1, count: 6)
        var frame = ChartFrame()
        frame.width = 440
        frame.height = 430
        var svg = SVGCanvas(width: frame.width, height: frame.height)
        frame.drawAxes(&svg, xTicks: ticks, yTicks: ticks, xLabel: "actual", yLabel: "predicted")
        let xs = frame.xScale(ticks), ys = frame.yScale(ticks)
        for i in rows {
            svg.circle(xs(actual[i]), ys(predicted[i]), r: 2.6, fill: Palette.color(0), opacity: 0.45)
        }
        svg.line(xs(ticks.low), ys(ticks.low), xs(ticks.high), ys(ticks.high), stroke: Palette.benchmark, width: 1.5, dash: "6 4")
        frame.drawLegend(&svg, [("identity (perfect prediction)", Palette.benchmark, true)])
        return svg.render(title: title)
    }

    /// A 2-D histogram of the data on the valence (x) – arousal (y) plane, with the circumplex quadrants named
    /// around `center` (the neutral point, in the targets' units). Drawn only for targets declared as valence and arousal.
    static func circumplex(x: [Double], y: [Double], xName: String, yName: String, center: (Double, Double) = (0, 0),
                           entity: String = "rows", bins: Int = 30) -> String {
        let n = min(x.count, y.count)
        let rows = (0..<n).filter { x[$0].isFinite && y[$0].isFinite }
        let (cx, cy) = center
        let spread = rows.reduce(0.0) { max($0, abs(x[$1] - cx), abs(y[$1] - cy)) }
        let bound = spread > 0 ? spread : 1
        let xTicks = Ticks(cx - bound, cx + bound, count: 6), yTicks = Ticks(cy - bound, cy + bound, count: 6)
        var frame = ChartFrame()
        frame.width = 520
        frame.height = 500
        var svg = SVGCanvas(width: frame.width, height: frame.height)
        frame.drawAxes(&svg, xTicks: xTicks, yTicks: yTicks, xLabel: xName, yLabel: yName)
        let xs = frame.xScale(xTicks), ys = frame.yScale(yTicks)
        let xSpan = xTicks.high - xTicks.low, ySpan = yTicks.high - yTicks.low
        var counts = [Int](repeating: 0, count: bins * bins)
        for i in rows {
            let bx = min(bins - 1, max(0, Int((x[i] - xTicks.low) / xSpan * Double(bins))))
            let by = min(bins - 1, max(0, Int((y[i] - yTicks.low) / ySpan * Double(bins))))
            counts[by * bins + bx] += 1
        }
        let peak = Double(counts.max() ?? 1)
        let xCell = xSpan / Double(bins), yCell = ySpan / Double(bins)
        for by in 0..<bins {
            for bx in 0..<bins where counts[by * bins + bx] > 0 {
                let x0 = xTicks.low + Double(bx) * xCell, y0 = yTicks.low + Double(by) * yCell
                let count = counts[by * bins + bx]
                svg.rect(xs(x0), ys(y0 + yCell), xs(x0 + xCell) - xs(x0) + 0.3, ys(y0) - ys(y0 + yCell) + 0.3,
                         fill: Palette.sequential(0.15 + 0.85 * Double(count) / peak), title: "\(NumberFormat.grouped(count)) \(entity)")
            }
        }
        svg.line(xs(cx), frame.plotTop, xs(cx), frame.plotBottom, stroke: Palette.muted, dash: "4 3")
        svg.line(frame.plotLeft, ys(cy), frame.plotRight, ys(cy), stroke: Palette.muted, dash: "4 3")
        let inset = 10.0
        svg.text(frame.plotRight - inset, frame.plotTop + 18, "happy · excited", anchor: .end, size: 13, bold: true)
        svg.text(frame.plotLeft + inset, frame.plotTop + 18, "angry · tense", size: 13, bold: true)
        svg.text(frame.plotLeft + inset, frame.plotBottom - 10, "sad · depressed", size: 13, bold: true)
        svg.text(frame.plotRight - inset, frame.plotBottom - 10, "calm · relaxed", anchor: .end, size: 13, bold: true)
        svg.text(frame.plotLeft, 22, "\(NumberFormat.grouped(rows.count)) \(entity); darker cells hold more \(entity)",
                 size: 12, fill: Palette.muted)
        return svg.render(title: "The \(entity) on the \(xName)–\(yName) plane")
    }
}
