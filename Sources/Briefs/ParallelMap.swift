import Dispatch

/// Maps independent items on every core and returns the results in input order, so that parallel work
/// never changes the output.
enum ParallelMap {
    /// `transform` applied to each element of `items`, computed concurrently, in the order of `items`.
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = ResultSlots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.store(transform(items[index]), at: index)
        }
        return results.values
    }
}

/// One slot per item, each written once by exactly one iteration of `concurrentPerform`.
private final class ResultSlots<R>: @unchecked Sendable {
    private var slots: [R?]
    private let lock = NSLockLike()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: R, at index: Int) {
        lock.withLock { slots[index] = value }
    }

    var values: [R] { slots.map { $0! } }
}

/// A minimal lock over a Dispatch semaphore (Briefs stays free of Foundation's locks).
private final class NSLockLike: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 1)

    func withLock<T>(_ body: () -> T) -> T {
        semaphore.wait()
        defer { semaphore.signal() }
        return body()
    }
}
