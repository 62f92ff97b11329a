import XCTest
final class FrameTestsPlaceholder: XCTestCase {}
