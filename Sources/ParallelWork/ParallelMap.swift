import Dispatch

/// Runs independent pieces of work on every core and returns their results in input order, so that parallel
/// work never changes the output. The one place in the package that holds results written from worker threads.
public enum ParallelMap {
    /// `transform` applied to each element of `items`, computed concurrently, in the order of `items`.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = ResultSlots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.store(transform(items[index]), at: index)
        }
        return results.values
    }

    /// `first` and `second` computed concurrently; both results. `first` runs on a worker of the global queue and
    /// `second` on the calling thread — not as two iterations of `concurrentPerform`, because libdispatch runs a
    /// `concurrentPerform` nested in another with the outer one's share of the cores (on 2 cores: serially), and
    /// `first` is usually the one that fans out (the 15 coalition dispatches of the pooled game).
    public static func both<A: Sendable, B: Sendable>(
        _ first: @escaping @Sendable () -> A, _ second: () -> B
    ) -> (A, B) {
        let a = ResultSlots<A>(count: 1)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { a.store(first(), at: 0) }
        let b = second()
        group.wait()
        return (a.values[0], b)
    }
}

/// One slot per item, each written once by exactly one iteration of `concurrentPerform`.
private final class ResultSlots<R>: @unchecked Sendable {
    private var slots: [R?]
    private let semaphore = DispatchSemaphore(value: 1)

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: R, at index: Int) {
        semaphore.wait()
        slots[index] = value
        semaphore.signal()
    }

    var values: [R] {
        semaphore.wait()
        defer { semaphore.signal() }
        return slots.map { $0! }
    }
}
