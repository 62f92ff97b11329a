import Support
import Foundation
import Report
import Results
import XCTest

/// Every number in the generated discussion must be one of the run's JSON values, formatted the same way.
final class DiscussionTests: XCTestCase {
    func testEveryRegressionNumberComesFromItsJSON() throws {
        let results = try Fixture.results("regression")
        let json = try JSONValue.load(Fixture.url("regression.results.json"))
        try assertBacked(Discussion.sentences(results, reference: nil), by: [json])
    }

    func testEveryDeepLearningNumberComesFromItsOrTheReferenceJSON() throws {
        let input = try Fixture.deep()
        let own = try JSONValue.load(Fixture.url("deep.results.json"))
        let reference = try JSONValue.load(Fixture.url("regression.results.json"))
        let sentences = Discussion.sentences(input.results, reference: input.reference)
        XCTAssertTrue(sentences.contains { $0.topic == "reference" })
        try assertBacked(sentences, by: [own, reference])
    }

    func testRegressionDiscussionStatesTheFixtureFacts() throws {
        let text = Discussion.sentences(try Fixture.results("regression"), reference: nil).map(\.text).joined(separator: "\n")
        XCTAssertTrue(text.contains("The join matched 13,844 of the 18,644 songs of `deezer` (74.3%) to a row of `spotify`"), text)
        XCTAssertTrue(text.contains("the best model for valence is hist_gradient_boosting, with pooled r = 0.370"))
        XCTAssertTrue(text.contains("It leads the runner-up, random_forest (r = 0.358)"))
        XCTAssertTrue(text.contains("It does not clear the benchmark r = 0.400, and even the top of its interval, 0.387, falls short."))
        XCTAssertTrue(text.contains("lowers hist_gradient_boosting's r for valence from 0.370 (random_kfold) to 0.295 (artist_kfold)"))
        XCTAssertTrue(text.contains("the best model is hist_gradient_boosting for valence (r = 0.330) and hist_gradient_boosting for arousal (r = 0.313)."), text)
        XCTAssertTrue(text.contains("Under official ("), "every protocol is discussed by its own name")
        XCTAssertFalse(text.contains("official split"), "no protocol is called the official split")
        XCTAssertTrue(text.contains("the silhouette rule chose k = 4 (silhouette 0.263)"))
    }

    func testDeepLearningDiscussionComparesWithTheReference() throws {
        let input = try Fixture.deep()
        let text = Discussion.sentences(input.results, reference: input.reference).filter { $0.topic == "reference" }.map(\.text)
        XCTAssertEqual(text.count, 2)
        XCTAssertTrue(text[0].hasPrefix("For valence, the best model here, mlp_deep"))
        XCTAssertTrue(text[0].contains("the best model of the regression experiment, hist_gradient_boosting (r = 0.370"))
    }

    func testNoEvaluationGivesOnlyDataSentences() throws {
        var results = try Fixture.results("regression")
        results.evaluation = nil
        results.cluster = nil
        XCTAssertEqual(Discussion.sentences(results, reference: nil).map(\.topic), ["data"])
    }

    /// Each listed number occurs in the text and among the JSON values; no other number occurs in the text
    /// (once the JSON's own strings, such as model names, are removed).
    private func assertBacked(_ sentences: [Sentence], by documents: [JSONValue], file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertFalse(sentences.isEmpty, file: file, line: line)
        var formatted = Set<String>()
        var strings = Set<String>()
        for document in documents {
            document.visit { value in
                switch value {
                case let .number(v):
                    formatted.formUnion((0...3).map { NumberFormat.fixed(v, $0) })
                    formatted.insert(NumberFormat.percent(v))
                    if v == v.rounded(), abs(v) < 1e15 { formatted.insert(NumberFormat.grouped(Int(v))) }
                case let .string(s): strings.insert(s)
                default: break
                }
            }
        }
        let pattern = try NSRegularExpression(pattern: "-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?%?|-?\\d+(?:\\.\\d+)?%?")
        for sentence in sentences {
            for number in sentence.numbers {
                XCTAssertTrue(sentence.text.contains(number), "\(number) not in: \(sentence.text)", file: file, line: line)
                XCTAssertTrue(formatted.contains(number), "\(number) is not a JSON value: \(sentence.text)", file: file, line: line)
            }
            var text = sentence.text
            for s in strings.sorted(by: { $0.count > $1.count }) where s.contains(where: \.isLetter) { text = text.replacingOccurrences(of: s, with: " ") }
            let range = NSRange(text.startIndex..., in: text)
            for match in pattern.matches(in: text, range: range) {
                guard let r = Range(match.range, in: text) else { continue }
                let token = String(text[r])
                XCTAssertTrue(sentence.numbers.contains(token), "unlisted number \(token) in: \(sentence.text)", file: file, line: line)
            }
        }
    }
}

/// Any JSON value, keeping booleans apart from numbers.
enum JSONValue: Decodable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    static func load(_ url: URL) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url)) }

    func visit(_ body: (JSONValue) -> Void) {
        body(self)
        switch self {
        case let .array(items): items.forEach { $0.visit(body) }
        case let .object(fields): fields.values.forEach { $0.visit(body) }
        default: break
        }
    }
}
