#if canImport(Glibc)
import Glibc
#endif
import Frame

/// Fuzzes the CSV reader. The first byte picks options (ragged rows, trimming, kind overrides for the
/// first two columns), the rest is the file. Nothing may crash or hang; a parsed table must be
/// consistent, and parsing in one chunk or in three, in one window or in windows of a few bytes, must
/// give the same table or the same error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let flags = data[0]
    let bytes = UnsafeBufferPointer(start: data + 1, count: count - 1)
    var options = CSVOptions(raggedRows: flags & 1 == 0 ? .error : .skip, trimWhitespace: flags & 2 != 0)
    let kinds: [ColumnKind?] = [nil, .numeric, .text, .list]
    let header = headerNames(bytes)
    for (slot, shift) in [(0, 2), (1, 4)] where slot < header.count {
        if let kind = kinds[Int(flags >> UInt8(shift)) & 3] { options.types[header[slot]] = kind }
    }
    options.chunks = 1
    let single = outcome(bytes, options)
    options.chunks = 3
    let chunked = outcome(bytes, options)
    if single != chunked {
        fail("one chunk and three chunks disagree:\n\(single)\n\(chunked)", bytes)
    }
    options.windowBytes = 1 + Int(flags >> 6) * 7  // 1, 8, 15 or 22 bytes: most records get a window of their own
    let windowed = outcome(bytes, options)
    if single != windowed {
        fail("one window and windows of \(options.windowBytes ?? 0) bytes disagree:\n\(single)\n\(windowed)", bytes)
    }
    if case .table(let table) = single {
        let rows = table.frame.rowCount
        if table.rowLines.count != rows { fail("\(table.rowLines.count) row lines for \(rows) rows", bytes) }
        if zip(table.rowLines, table.rowLines.dropFirst()).contains(where: { $0 >= $1 }) {
            fail("row lines are not increasing: \(table.rowLines)", bytes)
        }
    }
    return 0
}

private enum Outcome: Equatable {
    case table(CSVTable)
    case error(String)

    /// Equality with every NaN equal to every other (missing numbers are NaN).
    static func == (a: Outcome, b: Outcome) -> Bool {
        switch (a, b) {
        case let (.error(x), .error(y)): return x == y
        case let (.table(x), .table(y)):
            return x.skippedLines == y.skippedLines && x.rowLines == y.rowLines && x.frame.names == y.frame.names
                && zip(x.frame.columns, y.frame.columns).allSatisfy(sameColumn)
        default: return false
        }
    }
}

private func sameColumn(_ a: Column, _ b: Column) -> Bool {
    guard case .numeric(let x) = a, case .numeric(let y) = b else { return a == b }
    return x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
}

private func outcome(_ bytes: UnsafeBufferPointer<UInt8>, _ options: CSVOptions) -> Outcome {
    do {
        return .table(try CSVReader.parse(bytes, path: "fuzz.csv", options: options))
    } catch {
        return .error("\(error)")
    }
}

/// Rough header names (up to the first newline, split on commas) used to aim kind overrides.
private func headerNames(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
    let line = bytes.prefix { $0 != 0x0A && $0 != 0x0D }
    return line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
}

private func fail(_ message: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Never {
    report("FUZZ FAILURE: \(message)\n--- input ---\n\(String(decoding: bytes, as: UTF8.self))")
    abort()
}

/// Writes a failure report to standard error at once (libFuzzer then records the input).
private func report(_ text: String) {
    fputs(text + "\n", stderr)
    fflush(stderr)
}
