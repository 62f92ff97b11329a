import XCTest
final class StepsTestsPlaceholder: XCTestCase {}
