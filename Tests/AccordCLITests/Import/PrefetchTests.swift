import Foundation
import Testing
@testable import AccordCLI

@Suite struct PrefetchTests {
    struct Failure: Error, Equatable {
        let at: Int
    }

    @Test func everyElementArrivesOnceInOrderAcrossBatches() throws {
        var received: [Int] = []
        try Prefetch<Int>.run(batchSize: 7, depth: 2, produce: { emit in
            for value in 0..<10_000 { try emit(value) }
        }, consume: { received.append($0) })
        #expect(received == Array(0..<10_000))
    }

    @Test func nothingProducedIsNothingConsumed() throws {
        var count = 0
        try Prefetch<Int>.run(produce: { _ in }, consume: { _ in count += 1 })
        #expect(count == 0)
    }

    @Test func aProducerErrorComesAfterEverythingEmittedBeforeIt() {
        var received: [Int] = []
        #expect(throws: Failure(at: 1000)) {
            try Prefetch<Int>.run(batchSize: 64, produce: { emit in
                for value in 0..<1000 { try emit(value) }
                throw Failure(at: 1000)
            }, consume: { received.append($0) })
        }
        #expect(received == Array(0..<1000))
    }

    @Test func aConsumerErrorStopsEvenAnEndlessProducer() {
        var received = 0
        #expect(throws: Failure(at: 500)) {
            try Prefetch<Int>.run(batchSize: 16, depth: 2, produce: { emit in
                var value = 0
                while true {
                    try emit(value)
                    value += 1
                }
            }, consume: { value in
                received += 1
                if value == 500 { throw Failure(at: 500) }
            })
        }
        #expect(received == 501)
    }
}
