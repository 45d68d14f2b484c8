// SHA-256 moved to the small `Hashing` target so that studies hash their jobs with the same code; Site re-exports
// it, so `import Site` still provides `SHA256` and the manifest and feed hashes are unchanged.
@_exported import Hashing
