import XCTest
final class LiterateTestsPlaceholder: XCTestCase {}
