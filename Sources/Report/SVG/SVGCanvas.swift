import Support

/// A minimal SVG writer: shapes in document order, coordinates printed with one decimal (locale-free).
struct SVGCanvas {
    let width: Double
    let height: Double
    private var parts: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    static func n(_ v: Double) -> String { NumberFormat.fixed(v, 1) }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                       width: Double = 1, dash: String? = nil) {
        let d = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        parts.append("<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\"\(d)/>")
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil, title: String? = nil) {
        let s = stroke.map { " stroke=\"\($0)\"" } ?? ""
        let open = "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, w)))\" height=\"\(Self.n(max(0, h)))\" fill=\"\(fill)\"\(s)"
        if let title {
            parts.append(open + "><title>\(HTMLWriter.escape(title))</title></rect>")
        } else {
            parts.append(open + "/>")
        }
    }

    mutating func circle(_ cx: Double, _ cy: Double, r: Double, fill: String, opacity: Double = 1, title: String? = nil) {
        let o = opacity < 1 ? " fill-opacity=\"\(NumberFormat.fixed(opacity, 2))\"" : ""
        let open = "<circle cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" fill=\"\(fill)\"\(o)"
        parts.append(title.map { open + "><title>\(HTMLWriter.escape($0))</title></circle>" } ?? open + "/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil) {
        guard points.count > 1 else { return }
        let p = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        let d = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        parts.append("<polyline points=\"\(p)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\"\(d)/>")
    }

    enum Anchor: String { case start, middle, end }

    /// A generous estimate of the width of `string` in a sans-serif font of `size` px (for layout, not drawing).
    static func textWidth(_ string: String, size: Double, bold: Bool = true) -> Double {
        Double(string.count) * size * (bold ? 0.62 : 0.58)
    }

    mutating func text(_ x: Double, _ y: Double, _ string: String, anchor: Anchor = .start, size: Double = 12,
                       bold: Bool = false, fill: String = Palette.ink, rotate: Bool = false) {
        let weight = bold ? " font-weight=\"600\"" : ""
        let transform = rotate ? " transform=\"rotate(-90 \(Self.n(x)) \(Self.n(y)))\"" : ""
        parts.append("<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" text-anchor=\"\(anchor.rawValue)\" font-size=\"\(Self.n(size))\" fill=\"\(fill)\"\(weight)\(transform)>\(HTMLWriter.escape(string))</text>")
    }

    /// The finished `<svg>` element; `title` is its accessible name.
    func render(title: String) -> String {
        let header = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" role=\"img\" font-family=\"system-ui, sans-serif\">"
        return ([header, "<title>\(HTMLWriter.escape(title))</title>"] + parts + ["</svg>"]).joined(separator: "\n")
    }
}

/// Okabe–Ito colours (distinguishable with the common colour-vision deficiencies) and neutral inks.
enum Palette {
    static let series = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
    static let ink = "#222222"
    static let muted = "#666666"
    static let grid = "#E3E3E3"
    static let benchmark = "#D55E00"

    static func color(_ i: Int) -> String { series[i % series.count] }

    /// A light-to-dark blue ramp for densities, `t` in 0...1.
    static func sequential(_ t: Double) -> String {
        let u = min(1, max(0, t))
        let from = (239.0, 246.0, 252.0), to = (8.0, 48.0, 107.0)
        func hex(_ a: Double, _ b: Double) -> String {
            let v = Int((a + (b - a) * u).rounded())
            let digits = Array("0123456789ABCDEF")
            return String(digits[v / 16]) + String(digits[v % 16])
        }
        return "#" + hex(from.0, to.0) + hex(from.1, to.1) + hex(from.2, to.2)
    }
}
