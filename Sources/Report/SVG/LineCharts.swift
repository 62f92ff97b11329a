/// One line of a line chart.
struct LineSeries {
    var name: String
    var x: [Double]
    var y: [Double]
    var dashed = false
    var markers = false
}

/// Line charts: elbow and silhouette curves, training loss curves.
enum LineCharts {
    /// Lines over a shared x axis; `highlight` draws a vertical marker (e.g. the chosen k) labelled `highlightLabel`.
    static func lines(_ series: [LineSeries], xLabel: String, yLabel: String, title: String,
                      highlight: Double? = nil, highlightLabel: String = "", width: Double = 640, colorOffset: Int = 0) -> String {
        var frame = ChartFrame()
        frame.width = width
        frame.height = 340
        frame.left = 72
        let xsAll = series.flatMap(\.x).filter(\.isFinite), ysAll = series.flatMap(\.y).filter(\.isFinite)
        let xTicks = Ticks(xsAll.min() ?? 0, xsAll.max() ?? 1, count: 8)
        let yTicks = Ticks(ysAll.min() ?? 0, ysAll.max() ?? 1, count: 5)
        var svg = SVGCanvas(width: frame.width, height: frame.height)
        frame.drawAxes(&svg, xTicks: xTicks, yTicks: yTicks, xLabel: xLabel, yLabel: yLabel)
        let xs = frame.xScale(xTicks), ys = frame.yScale(yTicks)
        if let highlight, highlight.isFinite {
            svg.line(xs(highlight), frame.plotTop, xs(highlight), frame.plotBottom, stroke: Palette.benchmark, width: 2, dash: "6 4")
            svg.text(xs(highlight) + 6, frame.plotTop + 14, highlightLabel, size: 12, bold: true, fill: Palette.benchmark)
        }
        for (i, s) in series.enumerated() {
            let color = Palette.color(i + colorOffset)
            let points = zip(s.x, s.y).filter { $0.0.isFinite && $0.1.isFinite }.map { (xs($0.0), ys($0.1)) }
            svg.polyline(points, stroke: color, width: 2.5, dash: s.dashed ? "7 4" : nil)
            if s.markers { for p in points { svg.circle(p.0, p.1, r: 3.5, fill: color) } }
        }
        if series.count > 1 {
            frame.drawLegend(&svg, series.enumerated().map { (name: $0.element.name, color: Palette.color($0.offset + colorOffset), dashed: $0.element.dashed) })
        }
        return svg.render(title: title)
    }
}
