import Support

/// One line of a line chart.
struct LineSeries {
    var name: String
    var x: [Double]
    var y: [Double]
    /// Index into `Palette.series`.
    var color = 0
    var dashed = false
    var markers = false
}

/// Line charts: elbow and silhouette curves, training loss curves.
enum LineCharts {
    /// Lines over a shared x axis; `highlight` draws a vertical marker (e.g. the chosen k) labelled `highlightLabel`.
    static func lines(_ series: [LineSeries], xLabel: String, yLabel: String, title: String,
                      highlight: Double? = nil, highlightLabel: String = "", width: Double = 640, legend: [(name: String, color: String, dashed: Bool)]? = nil) -> String {
        var frame = ChartFrame()
                frame.width = width
        frame.height = 340
        frame.left = 72
        let xsAll = series.flatMap(\.x).filter(\.isFinite), ysAll = series.flatMap(\.y).filter(\.isFinite)
        let xTicks = Ticks(xsAll.min() ?? 0, xsAll.max() ?? 1, count: width < 500 ? 5 : 8)
        let yTicks = Ticks(ysAll.min() ?? 0, ysAll.max() ?? 1, count: 5)
        var svg = SVGCanvas(width: frame.width, height: frame.height)
        frame.drawAxes(&svg, xTicks: xTicks, yTicks: yTicks, xLabel: xLabel, yLabel: yLabel)
        let xs = frame.xScale(xTicks), ys = frame.yScale(yTicks)
        if let highlight, highlight.isFinite {
            svg.line(xs(highlight), frame.plotTop, xs(highlight), frame.plotBottom, stroke: Palette.benchmark, width: 2, dash: "6 4")
            // The label sits right of the marker, or left of it when it would run past the plot (k at the range end).
            let fits = xs(highlight) + 6 + SVGCanvas.textWidth(highlightLabel, size: 12) <= frame.width - 4
            svg.text(fits ? xs(highlight) + 6 : xs(highlight) - 6, frame.plotTop + 14, highlightLabel,
                     anchor: fits ? .start : .end, size: 12, bold: true, fill: Palette.benchmark)
        }
        for s in series {
            let color = Palette.color(s.color)
            let values = zip(s.x, s.y).filter { $0.0.isFinite && $0.1.isFinite }
            let points = values.map { (xs($0.0), ys($0.1)) }
            svg.polyline(points, stroke: color, width: 2.5, dash: s.dashed ? "7 4" : nil)
            if s.markers {
                for (p, v) in zip(points, values) {
                    svg.circle(p.0, p.1, r: 3.5, fill: color, title: "\(xLabel) \(NumberFormat.exact(v.0)): \(s.name) \(NumberFormat.exact(v.1))")
                }
            }
        }
        if let legend {
            frame.drawLegend(&svg, legend)
        } else if series.count > 1 {
            frame.drawLegend(&svg, series.map { (name: $0.name, color: Palette.color($0.color), dashed: $0.dashed) })
        }
        return svg.render(title: title)
    }
}
