import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The only file of Site that calls C: flock(2) for the lock and renameat2(2)/renamex_np for the
// atomic exchange of two folders. No pointer leaves these functions.

/// Why a file-system primitive failed, in words an operator understands.
public enum PublishIOError: Error, Equatable, CustomStringConvertible {
    /// Another run holds the lock (its process id when it wrote one).
    case locked(lockFile: String, holder: String?)
    /// A system call failed.
    case system(operation: String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case .locked(let lockFile, let holder):
            "another yrdplan publish is running (lock \(lockFile)\(holder.map { ", held by process \($0)" } ?? "")); try again later or pass --wait SECONDS"
        case .system(let operation, let path, let code):
            "\(operation) \(path) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// An exclusive advisory lock on `DIR.lock`, held while the value lives. The kernel releases it if the
/// process dies, so a killed run never blocks the next one.
public final class PublishLock {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock, waiting up to `timeout` seconds (0: try once) for another run to finish.
    public init(path: String, timeout: Double) throws(PublishIOError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .system(operation: "open", path: path, errno: errno) }
        let deadline = Date().addingTimeInterval(max(0, timeout))
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(fd)
                throw .system(operation: "lock", path: path, errno: code)
            }
            if Date() >= deadline {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                close(fd)
                throw .locked(lockFile: path, holder: holder?.isEmpty == false ? holder : nil)
            }
            usleep(50_000)
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
        descriptor = fd
        self.path = path
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Atomic replacement of one folder by another.
public enum FolderSwap {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// Exchanges the folders at `a` and `b` in one step (both must exist). Returns false when the
    /// system has no atomic exchange (then the caller falls back to two renames).
    public static func exchange(_ a: String, _ b: String) throws(PublishIOError) -> Bool {
        #if os(Linux)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let renameExchange: UInt32 = 1 << 1
            if renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) != 0 {
                let code = errno
                if code == EINVAL || code == ENOSYS { return false }
                throw .system(operation: "exchange", path: "\(a) ⇄ \(b)", errno: code)
            }
            return true
        #else
            return false
        #endif
    }

    /// Renames `from` to `to` (atomic on one file system; `to` must not be a non-empty folder).
    public static func rename(_ from: String, _ to: String) throws(PublishIOError) {
        if Foundation.rename(from, to) != 0 { throw .system(operation: "rename", path: "\(from) → \(to)", errno: errno) }
    }
}
