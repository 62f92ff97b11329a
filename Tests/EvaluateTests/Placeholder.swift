import XCTest
final class EvaluateTestsPlaceholder: XCTestCase {}
