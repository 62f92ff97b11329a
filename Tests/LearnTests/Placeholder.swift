import XCTest
final class LearnTestsPlaceholder: XCTestCase {}
