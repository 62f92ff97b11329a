import Support
import Foundation

/// The fast path of `CSVReader`: one parallel pass that scans records and parses numeric columns straight into
/// the final arrays, so numbers never become spans or strings.
///
/// Which columns are numeric is decided before the pass: declared kinds, and for the others a sample of the first
/// records (a column with a non-number in the sample is not numeric, whatever follows). When the pass finds a
/// non-number further on in an undeclared column, it runs again with that column as text (a few times at most);
/// anything else unusual (see `RecordParser`) makes it return nil, and the general path parses the file.
/// The two paths give identical tables.
///
/// Chunk i writes its rows from an offset computed from the LF counts of the chunks before it (each record starts
/// right after an LF, so a chunk has at most as many records as LFs just before its records' starts); when empty
/// lines, quoted LFs or skipped records leave gaps, the rows are moved down once at the end.
enum CSVFastPath {
    /// Bytes of records sampled to infer which undeclared columns are numeric.
    static let sampleBytes = 1 << 16
    /// Passes before giving up on columns the sample called numeric.
    static let maxPasses = 3

    /// Chunk bounds, the quote parity and line at each bound, and where each chunk's rows go.
    struct Layout {
        var bounds: [Int] = []
        var starts: [(quotes: Int, line: Int)] = []
        var offsets: [Int] = []
        var capacities: [Int] = []
        var total = 0
    }

    /// Parses the records of `scanner`'s bytes (a window starting at a record start, on line `firstLine`); nil when
    /// the general path must.
    static func parse(_ scanner: CSVScanner, names: [String], line firstLine: Int, path: String,
                      options: CSVOptions) throws -> CSVWindows.Part? {
        guard scanner.bytes.count > 0 else { return nil }
        guard var numeric = inferNumeric(scanner, names: names, from: 0, line: firstLine, options: options) else {
            return nil
        }
        let layout = try chunkLayout(scanner, line: firstLine, options: options)
        for _ in 0..<maxPasses {
            do {
                return try pass(scanner, names: names, numeric: numeric, layout: layout, path: path, options: options)
            } catch let fallback as RecordParser.Fallback {
                // Only undeclared columns may turn out not to be numeric; a declared one is an error to report.
                if fallback.columns.isEmpty || fallback.columns.contains(where: { options.types[names[$0]] != nil }) {
                    return nil
                }
                for c in fallback.columns { numeric[c] = false }
            }
        }
        return nil
    }

    private static func chunkLayout(_ scanner: CSVScanner, line firstLine: Int, options: CSVOptions) throws -> Layout {
        let n = scanner.bytes.count
        let k = CSVReader.chunkCount(n, options)
        var layout = Layout()
        layout.bounds = (0...k).map { n * $0 / k }
        let bounds = layout.bounds
        let counts = Parallel.map(k) { scanner.counts(bounds[$0]..<bounds[$0 + 1]) }
        // The window starts at a record start: as if an LF were just before it.
        func isLF(_ i: Int) -> Int { i < 0 || (i < n && scanner.bytes[i] == CSVScanner.newline) ? 1 : 0 }
        var quotes = 0, line = firstLine
        for i in 0..<k {
            layout.starts.append((quotes, line))
            quotes += counts[i].quotes
            line += counts[i].newlines
            // LFs at bounds[i] - 1 ..< bounds[i + 1] - 1: one before each record starting in the chunk.
            let capacity = counts[i].newlines + isLF(bounds[i] - 1) - isLF(bounds[i + 1] - 1)
            layout.offsets.append(layout.total)
            layout.capacities.append(capacity)
            layout.total += capacity
        }
        return layout
    }

    /// One parallel pass with the given numeric columns; nil when the file has no data rows.
    private static func pass(_ scanner: CSVScanner, names: [String], numeric: [Bool], layout: Layout, path: String,
                             options: CSVOptions) throws -> CSVWindows.Part? {
        guard let p = scanner.bytes.baseAddress else { return nil }
        var slots: [Int] = [], spanColumns: [Int] = []
        var numericCount = 0
        for c in names.indices {
            if numeric[c] { slots.append(numericCount); numericCount += 1 } else { slots.append(~spanColumns.count); spanColumns.append(c) }
        }
        let parser = RecordParser(p: p, n: scanner.bytes.count, slots: slots, spanCount: spanColumns.count,
                                  skipRagged: options.raggedRows == .skip)
        let total = layout.total, offsets = layout.offsets
        var outputs: [RecordParser.Output] = []
        var rows = 0
        var numbers: [[Double]] = []
        let rowLines = try [Int](unsafeUninitializedCapacity: max(1, total)) { lineBuffer, lineCount in
            guard let lines = lineBuffer.baseAddress else { throw RecordParser.Fallback() }
            MemoryAdvice.hugePages(lines, bytes: lineBuffer.count * MemoryLayout<Int>.stride)
            numbers = try filledArrays(numericCount, capacity: max(1, total)) { columns in
                outputs = try Parallel.map(offsets.count) { i in
                    let first = scanner.firstRecordStart(from: layout.bounds[i], inQuotes: layout.starts[i].quotes % 2 == 1,
                                                         line: layout.starts[i].line)
                    return try parser.parse(start: first.position, stop: layout.bounds[i + 1], line: first.line,
                                            numbers: columns.map { $0 + offsets[i] }, lines: lines + offsets[i],
                                            capacity: layout.capacities[i])
                }
                rows = compact(columns, lines, outputs: outputs, offsets: offsets)
                return rows
            }
            lineCount = rows
        }
        if rows == 0 { return nil }  // the general path reports it

        // The other columns, from their spans.
        var chunks: [CSVScanner.Chunk] = []
        var first = 0
        for output in outputs {
            chunks.append(CSVScanner.Chunk(fields: output.spans, lines: rowLines[first..<first + output.rows]))
            first += output.rows
        }
        let decoder = ColumnDecoder(scanner: CSVScanner(bytes: scanner.bytes, columns: spanColumns.count),
                                    chunks: chunks, path: path, trim: options.trimWhitespace)
        let others = try Parallel.map(spanColumns.count) { j -> Column in
            let c = spanColumns[j]
            let kind = options.types[names[c]]
            return try CSVWindows.deferred(column: c) {
                try decoder.decode(column: j, name: names[c], kind: kind, numericFailed: kind == nil)
            }
        }
        let columns = names.indices.map { c in slots[c] >= 0 ? Column.numeric(numbers[slots[c]]) : others[~slots[c]] }
        return CSVWindows.Part(columns: columns, rowLines: rowLines, skipped: outputs.flatMap { $0.ragged.map(\.line) })
    }

    /// Per column, whether the fast pass treats it as numeric: declared numeric, or undeclared with only numbers
    /// (or empty fields) in the sample. Nil when the sample cannot be scanned (the general path reports why).
    private static func inferNumeric(_ scanner: CSVScanner, names: [String], from start: Int, line: Int,
                                     options: CSVOptions) -> [Bool]? {
        guard let sample = try? scanner.scan(start: start, stop: min(scanner.bytes.count, start + sampleBytes), line: line),
              let base = scanner.bytes.baseAddress else { return nil }
        let columns = names.count
        return names.indices.map { c in
            switch options.types[names[c]] {
            case .numeric?: return true
            case .text?, .list?: return false
            case nil:
                if !options.mayBeNumeric(names[c]) { return false }
                return stride(from: c, to: sample.fields.count, by: columns).allSatisfy { f in
                    let field = sample.fields[f]
                    let s = CSVScanner.start(field), e = s + CSVScanner.length(field)
                    if !CSVScanner.quoted(field) { return DecimalParser.parse(base, s, e) != nil }
                    let bytes = scanner.unquoted(s, e)
                    return bytes.withUnsafeBufferPointer { b in b.baseAddress.map { DecimalParser.parse($0, 0, b.count) != nil } ?? true }
                }
            }
        }
    }

    /// Moves each chunk's rows down to follow the previous chunk's (chunks with fewer rows than their capacity
    /// leave gaps) and returns the total number of rows.
    private static func compact(_ columns: [UnsafeMutablePointer<Double>], _ lines: UnsafeMutablePointer<Int>,
                                outputs: [RecordParser.Output], offsets: [Int]) -> Int {
        var next = 0
        for (i, output) in outputs.enumerated() {
            if offsets[i] != next {
                for column in columns { memmove(column + next, column + offsets[i], output.rows * MemoryLayout<Double>.stride) }
                memmove(lines + next, lines + offsets[i], output.rows * MemoryLayout<Int>.stride)
            }
            next += output.rows
        }
        return next
    }

    /// `count` arrays of `capacity` uninitialized elements, filled by `body`, which returns how many elements of
    /// each it initialized (the same for all). The arrays' storage is written in place: no copy at the end.
    private static func filledArrays(_ count: Int, capacity: Int, _ pointers: [UnsafeMutablePointer<Double>] = [],
                                     _ body: ([UnsafeMutablePointer<Double>]) throws -> Int) throws -> [[Double]] {
        var inner: [[Double]] = []
        if count == 0 { _ = try body(pointers); return [] }
        let array = try [Double](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            guard let base = buffer.baseAddress else { throw RecordParser.Fallback() }
            MemoryAdvice.hugePages(base, bytes: buffer.count * MemoryLayout<Double>.stride)
            var filled = 0
            inner = try filledArrays(count - 1, capacity: capacity, pointers + [base]) { all in
                filled = try body(all)
                return filled
            }
            initialized = filled
        }
        return [array] + inner
    }
}
