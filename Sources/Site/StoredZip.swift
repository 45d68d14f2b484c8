import Hashing

/// A zip archive of uncompressed ("stored") entries with fixed time stamps, so the same files always give the same
/// bytes. No Swift zip library is available to the project; stored entries need only CRC-32 and the headers
/// (PKWARE APPNOTE 6.3.x, sections 4.3.7, 4.3.12 and 4.3.16), and every unzip reads them.
public enum StoredZip {
    /// One file of the archive: its name inside it (`/`-separated, ASCII) and its bytes.
    public struct Entry: Sendable {
        public var name: String
        public var bytes: [UInt8]

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// The archive of `entries`, each dated `date` (`YYYY-MM-DD`, 00:00; the edition's date, never the clock).
    public static func archive(_ entries: [Entry], date: String) -> [UInt8] {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        let (year, month, day) = parts.count == 3 ? (parts[0], parts[1], parts[2]) : (1980, 1, 1)
        let dosDate = UInt16(max(0, min(127, year - 1980)) << 9 | month << 5 | day)
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            let crc = CRC32.checksum(entry.bytes)
            let size = UInt32(entry.bytes.count)
            let offset = UInt32(out.count)
            // Local file header.
            out += le32(0x0403_4B50) + le16(10) + le16(0) + le16(0) + le16(0) + le16(dosDate) + le32(crc) + le32(size) + le32(size)
            out += le16(UInt16(name.count)) + le16(0) + name + entry.bytes
            // Central directory header.
            central += le32(0x0201_4B50) + le16(0x031E) + le16(10) + le16(0) + le16(0) + le16(0) + le16(dosDate) + le32(crc)
            central += le32(size) + le32(size) + le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0)
            central += le32(0o100644 << 16) + le32(offset) + name
        }
        let centralOffset = UInt32(out.count)
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(central.count)) + le32(centralOffset) + le16(0)
        return out
    }

    private static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * UInt32($0))) & 0xFF) } }
}
