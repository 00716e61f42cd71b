// ScopedFaultVfs: a fault-injecting SQLite VFS for crash-consistency tests (SECURITY.md D2, U7, B6).
// It wraps the default (unix) VFS and models a disk with a volatile write cache, so a test can stop
// "the machine" at any I/O point and then cut the power: what reaches the real file afterwards is
// only what the code had fsynced (plus, in a torn cut, some of what it had not). The code under
// test opens its databases normally; the VFS is the process-wide default while this object lives.
#pragma once

#include <cstdint>
#include <memory>

namespace linli::test {

// The model, in full (what a crash test may rely on):
// - I/O points: every xWrite, xSync, xTruncate and xDelete on a named file (databases, -wal,
//   -journal) is one numbered point. Temporary files SQLite deletes on close, and the -shm
//   wal-index (memory shared between connections), are not I/O points and never fail.
// - Crash: once armed, the points after the allowed ones fail (SQLITE_IOERR_WRITE, _FSYNC,
//   _TRUNCATE, _DELETE) and change nothing, for good: the process is dead from the disk's point of
//   view. Reads, locks and the wal-index keep working, so the code under test runs its error paths
//   and closes its connections as it would on a real I/O error.
// - Power cut: per file, the bytes as of its last successful xSync (the "durable image") are what
//   the disk holds (the real fsync is skipped: the model decides, and the loops stay fast).
//   DropUnsynced loses every write and truncate since then; TornRandom keeps a
//   seeded random subset of them (each xWrite or xTruncate survives whole or not at all, in their
//   original order); TornSectors does the same per 512-byte sector of each write, so a page can
//   be half old, half new (SQLite does not claim atomic sector writes: its WAL and journal
//   checksums exist for exactly this). -shm files are deleted (memory does not survive).
// - Files: a file that existed before its first open here is durable as found. A file created here
//   and never synced vanishes at a power cut (a torn cut may instead keep it, with a random
//   subset of its writes). A file's first successful xSync also makes its directory entry durable
//   (simplification: SQLite syncs the directory for new journals and WALs, not for a main
//   database; an installer must fsync the directory after a rename itself). xDelete is durable as
//   soon as it returns (simplification: SQLite only asks for a directory sync with
//   synchronous=EXTRA), and a deleted file is not brought back.
// - Changes made outside SQLite (std::filesystem::remove of a partial file after a failure) are
//   overridden by the power cut: the process that made them was already dead. A test that itself
//   replaces or removes files between runs calls power_cut(Mode::DropUnsynced) first, with every
//   connection closed, so the VFS forgets the files it has seen.
// Single process, one ScopedFaultVfs at a time; calls are serialised internally, so connections
// on other threads may use it.
class ScopedFaultVfs {
public:
    enum class Mode { DropUnsynced, TornRandom, TornSectors };

    struct Stats {
        int64_t io_points = 0;  // every point so far, failed ones included
        int64_t writes = 0;
        int64_t syncs = 0;
        int64_t truncates = 0;
        int64_t deletes = 0;
        int64_t failed = 0;  // points refused because the machine had died
    };

    // Registers the VFS as the default. Databases opened from now on use it.
    ScopedFaultVfs();
    // Restores the previous default VFS. Every connection opened through this VFS must be closed.
    ~ScopedFaultVfs();
    ScopedFaultVfs(const ScopedFaultVfs&) = delete;
    ScopedFaultVfs& operator=(const ScopedFaultVfs&) = delete;

    // The next n I/O points succeed; the one after them, and every later one, fails (n = 0: the
    // very next one fails). Counted from now, so a test measures an operation's points with
    // io_points() and then loops n = 0 .. points - 1.
    void arm_crash_after(int64_t n);
    // Forgets an armed crash that has not happened yet (after a crash, only power_cut revives).
    void disarm();
    // True once an armed crash point was reached.
    bool crashed() const;

    // Rewrites every file touched since the last power cut to what the disk would hold after losing
    // power (see the model above), deletes the -shm files, and "reboots": no crash is armed, I/O
    // works again, and every file's current bytes count as durable. All connections must be closed
    // first (throws std::logic_error otherwise). The seed only matters for the torn modes.
    void power_cut(Mode mode, uint64_t seed = 0);

    int64_t io_points() const;
    Stats stats() const;

    class Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace linli::test
