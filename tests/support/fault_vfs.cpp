// The fault-injecting VFS behind ScopedFaultVfs (the model is described in fault_vfs.hpp). Every
// call goes through to the real VFS, so the real files always hold what the OS page cache would;
// beside them we keep, per path, the bytes as of the last fsync and the writes since, which is all
// a power cut needs. Whole-file copies: meant for test-sized databases, not for benchmarks.
//
// Index
//   [SECTION] File state
//   [SECTION] File methods
//   [SECTION] VFS methods
//   [SECTION] ScopedFaultVfs

#include "fault_vfs.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <new>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace linli::test {

namespace {

constexpr const char* k_vfs_name = "linli-fault";
// What a TornSectors power cut tears writes into: the smallest unit a disk writes.
constexpr int64_t k_sector_bytes = 512;

// [SECTION] File state

// One xWrite or xTruncate that has not been synced yet.
struct PendingOp {
    int64_t offset = 0;  // the new size, for a truncate
    bool truncate = false;
    std::vector<uint8_t> bytes;
};

// What the disk holds for one path, shared by every handle open on it.
struct FileState {
    // Bytes as of the last sync; nothing while a file created here was never synced (then it is
    // not on the disk at all as far as a power cut is concerned).
    std::optional<std::vector<uint8_t>> durable;
    std::vector<PendingOp> pending;
    bool main_db = false;  // its -shm goes at a power cut
    bool deleted = false;  // unlinked while open: later writes go nowhere a reboot could see
};

void apply(std::vector<uint8_t>& image, const PendingOp& op)
{
    if (op.truncate) {
        image.resize(size_t(op.offset));
        return;
    }
    size_t end = size_t(op.offset) + op.bytes.size();
    if (image.size() < end)
        image.resize(end);  // a write past the end leaves a hole of zeros, as on a real file
    std::memcpy(image.data() + op.offset, op.bytes.data(), op.bytes.size());
}

std::optional<std::vector<uint8_t>> read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        return std::nullopt;
    std::vector<uint8_t> bytes(size_t(in.tellg()));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(bytes.data()), std::streamsize(bytes.size()));
    if (!in)
        throw std::runtime_error("fault_vfs: cannot read " + path);
    return bytes;
}

// Overwrites in place and then sets the size: ext4 flushes a file that was truncated to zero and
// rewritten when it is closed (auto_da_alloc), which would cost milliseconds per power cut.
void write_file(const std::string& path, const std::vector<uint8_t>& bytes)
{
    {
        std::fstream out(path, std::ios::binary | std::ios::in | std::ios::out);
        if (!out.is_open())
            out.open(path, std::ios::binary | std::ios::out);
        out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
        if (!out)
            throw std::runtime_error("fault_vfs: cannot rewrite " + path + " at a power cut");
    }
    std::filesystem::resize_file(path, bytes.size());
}

}  // namespace

class ScopedFaultVfs::Impl {
public:
    sqlite3_vfs vfs{};
    sqlite3_vfs* real = nullptr;      // the VFS we wrap (the default before us)
    sqlite3_vfs* previous = nullptr;  // the default to restore
    int real_offset = 0;              // where the real sqlite3_file sits inside ours

    std::mutex mutex;
    Stats stats;
    std::optional<int64_t> crash_after;  // the last point number allowed to succeed
    bool crashed = false;
    int open_files = 0;
    std::map<std::string, std::shared_ptr<FileState>> files;  // sorted: power cuts replay in order

    // Counts one I/O point of the given kind; false once the machine is dead. Mutex held.
    bool allow(int64_t Stats::*kind)
    {
        ++stats.io_points;
        ++(stats.*kind);
        if (!crashed && crash_after && stats.io_points > *crash_after)
            crashed = true;
        if (crashed)
            ++stats.failed;
        return !crashed;
    }
};

namespace {

using Impl = ScopedFaultVfs::Impl;

Impl& impl_of(sqlite3_vfs* vfs) { return *static_cast<Impl*>(vfs->pAppData); }

// Our sqlite3_file: SQLite allocates vfs.szOsFile bytes, this struct first, the real file after it.
struct FaultFile {
    sqlite3_file base;  // first: SQLite only knows this part
    Impl* impl;
    std::shared_ptr<FileState> state;  // null for files that are not I/O points (temporary files)
    sqlite3_file* real;
};

FaultFile& fault(sqlite3_file* file) { return *reinterpret_cast<FaultFile*>(file); }
sqlite3_file* real(sqlite3_file* file) { return fault(file).real; }

// [SECTION] File methods

int file_close(sqlite3_file* file)
{
    FaultFile& f = fault(file);
    Impl& impl = *f.impl;
    std::lock_guard lock(impl.mutex);
    int rc = f.real->pMethods->xClose(f.real);
    --impl.open_files;
    f.~FaultFile();
    return rc;
}

int file_read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset)
{
    return real(file)->pMethods->xRead(real(file), out, amount, offset);
}

int file_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset)
{
    FaultFile& f = fault(file);
    if (!f.state)
        return f.real->pMethods->xWrite(f.real, data, amount, offset);
    std::lock_guard lock(f.impl->mutex);
    if (!f.impl->allow(&ScopedFaultVfs::Stats::writes))
        return SQLITE_IOERR_WRITE;
    int rc = f.real->pMethods->xWrite(f.real, data, amount, offset);
    if (rc == SQLITE_OK && !f.state->deleted) {
        auto bytes = static_cast<const uint8_t*>(data);
        f.state->pending.push_back({offset, false, std::vector<uint8_t>(bytes, bytes + amount)});
    }
    return rc;
}

int file_truncate(sqlite3_file* file, sqlite3_int64 size)
{
    FaultFile& f = fault(file);
    if (!f.state)
        return f.real->pMethods->xTruncate(f.real, size);
    std::lock_guard lock(f.impl->mutex);
    if (!f.impl->allow(&ScopedFaultVfs::Stats::truncates))
        return SQLITE_IOERR_TRUNCATE;
    int rc = f.real->pMethods->xTruncate(f.real, size);
    if (rc == SQLITE_OK && !f.state->deleted)
        f.state->pending.push_back({size, true, {}});
    return rc;
}

int file_sync(sqlite3_file* file, int flags)
{
    FaultFile& f = fault(file);
    if (!f.state)
        return f.real->pMethods->xSync(f.real, flags);
    std::lock_guard lock(f.impl->mutex);
    if (!f.impl->allow(&ScopedFaultVfs::Stats::syncs))
        return SQLITE_IOERR_FSYNC;
    (void)flags;
    // The real fsync is skipped: the model alone decides what is durable, and a real one per
    // commit would make a loop over thousands of crash points crawl on a real disk. Every sync
    // flavour (NORMAL, FULL, DATAONLY) makes the data durable.
    if (!f.state->deleted) {
        std::vector<uint8_t> image = f.state->durable.value_or(std::vector<uint8_t>());
        for (const PendingOp& op : f.state->pending)
            apply(image, op);
        f.state->durable = std::move(image);
        f.state->pending.clear();
    }
    return SQLITE_OK;
}

int file_size(sqlite3_file* file, sqlite3_int64* size)
{
    return real(file)->pMethods->xFileSize(real(file), size);
}

int file_lock(sqlite3_file* file, int level) { return real(file)->pMethods->xLock(real(file), level); }

int file_unlock(sqlite3_file* file, int level)
{
    return real(file)->pMethods->xUnlock(real(file), level);
}

int file_check_reserved_lock(sqlite3_file* file, int* out)
{
    return real(file)->pMethods->xCheckReservedLock(real(file), out);
}

int file_control(sqlite3_file* file, int op, void* arg)
{
    return real(file)->pMethods->xFileControl(real(file), op, arg);
}

int file_sector_size(sqlite3_file* file) { return real(file)->pMethods->xSectorSize(real(file)); }

int file_device_characteristics(sqlite3_file* file)
{
    return real(file)->pMethods->xDeviceCharacteristics(real(file));
}

// The wal-index is memory shared between connections: passed through, never an I/O point.
int file_shm_map(sqlite3_file* file, int page, int page_size, int extend, void volatile** out)
{
    return real(file)->pMethods->xShmMap(real(file), page, page_size, extend, out);
}

int file_shm_lock(sqlite3_file* file, int offset, int n, int flags)
{
    return real(file)->pMethods->xShmLock(real(file), offset, n, flags);
}

void file_shm_barrier(sqlite3_file* file) { real(file)->pMethods->xShmBarrier(real(file)); }

int file_shm_unmap(sqlite3_file* file, int delete_flag)
{
    return real(file)->pMethods->xShmUnmap(real(file), delete_flag);
}

// Memory-mapped reads see the real file, which is what the page cache holds: consistent with
// xRead. (SQLite never writes through the map.)
int file_fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out)
{
    if (real(file)->pMethods->iVersion < 3) {
        *out = nullptr;
        return SQLITE_OK;
    }
    return real(file)->pMethods->xFetch(real(file), offset, amount, out);
}

int file_unfetch(sqlite3_file* file, sqlite3_int64 offset, void* p)
{
    if (real(file)->pMethods->iVersion < 3)
        return SQLITE_OK;
    return real(file)->pMethods->xUnfetch(real(file), offset, p);
}

const sqlite3_io_methods k_file_methods = {
    3,
    file_close,
    file_read,
    file_write,
    file_truncate,
    file_sync,
    file_size,
    file_lock,
    file_unlock,
    file_check_reserved_lock,
    file_control,
    file_sector_size,
    file_device_characteristics,
    file_shm_map,
    file_shm_lock,
    file_shm_barrier,
    file_shm_unmap,
    file_fetch,
    file_unfetch,
};

// [SECTION] VFS methods

int vfs_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags)
{
    Impl& impl = impl_of(vfs);
    file->pMethods = nullptr;  // SQLite calls xClose after a failed open only if this is set
    auto* real_file = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + impl.real_offset);
    std::lock_guard lock(impl.mutex);

    // Temporary files are deleted on close: nothing of them is meant to survive anything.
    std::shared_ptr<FileState> state;
    std::string path;
    bool first_open = false;
    if (name && !(flags & SQLITE_OPEN_DELETEONCLOSE)) {
        path = name;
        std::shared_ptr<FileState>& slot = impl.files[path];
        if (!slot) {
            first_open = true;
            slot = std::make_shared<FileState>();
            // A file found on the disk is durable as it is; one created now is not, until synced.
            slot->durable = read_file(path);
        }
        slot->main_db = slot->main_db || (flags & SQLITE_OPEN_MAIN_DB);
        state = slot;
    }

    int rc = impl.real->xOpen(impl.real, name, real_file, flags, out_flags);
    if (rc != SQLITE_OK) {
        if (real_file->pMethods)
            real_file->pMethods->xClose(real_file);
        // Not opened, so not seen: a file put there later must count as found, not as created.
        if (first_open)
            impl.files.erase(path);
        return rc;
    }
    auto* f = new (file) FaultFile{{nullptr}, &impl, std::move(state), real_file};
    f->base.pMethods = &k_file_methods;
    ++impl.open_files;
    return SQLITE_OK;
}

int vfs_delete(sqlite3_vfs* vfs, const char* name, int sync_dir)
{
    Impl& impl = impl_of(vfs);
    std::lock_guard lock(impl.mutex);
    if (!impl.allow(&ScopedFaultVfs::Stats::deletes))
        return SQLITE_IOERR_DELETE;
    int rc = impl.real->xDelete(impl.real, name, sync_dir);
    if (rc == SQLITE_OK || rc == SQLITE_IOERR_DELETE_NOENT) {
        // Durable at once (see the header): a power cut neither restores nor touches it.
        if (auto it = impl.files.find(name); it != impl.files.end()) {
            it->second->deleted = true;
            impl.files.erase(it);
        }
    }
    return rc;
}

int vfs_access(sqlite3_vfs* vfs, const char* name, int flags, int* out)
{
    sqlite3_vfs* r = impl_of(vfs).real;
    return r->xAccess(r, name, flags, out);
}

int vfs_full_pathname(sqlite3_vfs* vfs, const char* name, int size, char* out)
{
    sqlite3_vfs* r = impl_of(vfs).real;
    return r->xFullPathname(r, name, size, out);
}

void* vfs_dl_open(sqlite3_vfs* vfs, const char* name)
{
    sqlite3_vfs* r = impl_of(vfs).real;
    return r->xDlOpen(r, name);
}

void vfs_dl_error(sqlite3_vfs* vfs, int size, char* out)
{
    sqlite3_vfs* r = impl_of(vfs).real;
    r->xDlError(r, size, out);
}

void (*vfs_dl_sym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void)
{
    sqlite3_vfs* r = impl_of(vfs).real;
    return r->xDlSym(r, handle, symbol);
}

void vfs_dl_close(sqlite3_vfs* vfs, void* handle)
{
    sqlite3_vfs* r = impl_of(vfs).real;
    r->xDlClose(r, handle);
}

int vfs_randomness(sqlite3_vfs* vfs, int size, char* out)
{
    sqlite3_vfs* r = impl_of(vfs).real;
    return r->xRandomness(r, size, out);
}

int vfs_sleep(sqlite3_vfs* vfs, int microseconds)
{
    sqlite3_vfs* r = impl_of(vfs).real;
    return r->xSleep(r, microseconds);
}

int vfs_current_time(sqlite3_vfs* vfs, double* out)
{
    sqlite3_vfs* r = impl_of(vfs).real;
    return r->xCurrentTime(r, out);
}

int vfs_get_last_error(sqlite3_vfs* vfs, int size, char* out)
{
    sqlite3_vfs* r = impl_of(vfs).real;
    return r->xGetLastError ? r->xGetLastError(r, size, out) : 0;
}

int vfs_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* out)
{
    sqlite3_vfs* r = impl_of(vfs).real;
    return r->xCurrentTimeInt64(r, out);
}

int vfs_set_system_call(sqlite3_vfs* vfs, const char* name, sqlite3_syscall_ptr call)
{
    sqlite3_vfs* r = impl_of(vfs).real;
    return r->xSetSystemCall(r, name, call);
}

sqlite3_syscall_ptr vfs_get_system_call(sqlite3_vfs* vfs, const char* name)
{
    sqlite3_vfs* r = impl_of(vfs).real;
    return r->xGetSystemCall(r, name);
}

const char* vfs_next_system_call(sqlite3_vfs* vfs, const char* name)
{
    sqlite3_vfs* r = impl_of(vfs).real;
    return r->xNextSystemCall(r, name);
}

[[noreturn]] void die(const char* message)
{
    std::fprintf(stderr, "fault_vfs: %s\n", message);
    std::abort();
}

}  // namespace

// [SECTION] ScopedFaultVfs

ScopedFaultVfs::ScopedFaultVfs() : m_impl(std::make_unique<Impl>())
{
    Impl& impl = *m_impl;
    if (sqlite3_vfs_find(k_vfs_name))
        die("only one ScopedFaultVfs may exist at a time");
    impl.previous = sqlite3_vfs_find(nullptr);
    impl.real = impl.previous;
    if (!impl.real || impl.real->iVersion < 2)
        die("the default VFS is missing or too old to wrap");

    // The real file follows ours, at an offset aligned for any type.
    impl.real_offset = int((sizeof(FaultFile) + alignof(std::max_align_t) - 1) /
                           alignof(std::max_align_t) * alignof(std::max_align_t));
    sqlite3_vfs& v = impl.vfs;
    v.iVersion = impl.real->iVersion < 3 ? impl.real->iVersion : 3;
    v.szOsFile = impl.real_offset + impl.real->szOsFile;
    v.mxPathname = impl.real->mxPathname;
    v.zName = k_vfs_name;
    v.pAppData = &impl;
    v.xOpen = vfs_open;
    v.xDelete = vfs_delete;
    v.xAccess = vfs_access;
    v.xFullPathname = vfs_full_pathname;
    v.xDlOpen = vfs_dl_open;
    v.xDlError = vfs_dl_error;
    v.xDlSym = vfs_dl_sym;
    v.xDlClose = vfs_dl_close;
    v.xRandomness = vfs_randomness;
    v.xSleep = vfs_sleep;
    v.xCurrentTime = vfs_current_time;
    v.xGetLastError = vfs_get_last_error;
    v.xCurrentTimeInt64 = vfs_current_time_int64;
    if (v.iVersion >= 3) {
        v.xSetSystemCall = vfs_set_system_call;
        v.xGetSystemCall = vfs_get_system_call;
        v.xNextSystemCall = vfs_next_system_call;
    }
    if (sqlite3_vfs_register(&v, 1) != SQLITE_OK)
        die("sqlite3_vfs_register failed");
}

ScopedFaultVfs::~ScopedFaultVfs()
{
    Impl& impl = *m_impl;
    {
        std::lock_guard lock(impl.mutex);
        // A connection left open would call into freed memory later: a test bug worth a loud stop.
        if (impl.open_files != 0)
            die("destroyed while files are still open through it (close every Database first)");
    }
    sqlite3_vfs_unregister(&impl.vfs);
    sqlite3_vfs_register(impl.previous, 1);
}

void ScopedFaultVfs::arm_crash_after(int64_t n)
{
    std::lock_guard lock(m_impl->mutex);
    m_impl->crash_after = m_impl->stats.io_points + (n < 0 ? 0 : n);
}

void ScopedFaultVfs::disarm()
{
    std::lock_guard lock(m_impl->mutex);
    m_impl->crash_after.reset();
}

bool ScopedFaultVfs::crashed() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->crashed;
}

int64_t ScopedFaultVfs::io_points() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->stats.io_points;
}

ScopedFaultVfs::Stats ScopedFaultVfs::stats() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->stats;
}

void ScopedFaultVfs::power_cut(Mode mode, uint64_t seed)
{
    Impl& impl = *m_impl;
    std::lock_guard lock(impl.mutex);
    if (impl.open_files != 0)
        throw std::logic_error("fault_vfs: power_cut with " + std::to_string(impl.open_files) +
                               " file(s) still open (close every Database first)");
    std::mt19937_64 random(seed);
    auto coin = [&random] { return (random() & 1) != 0; };
    for (const auto& [path, state] : impl.files) {
        std::optional<std::vector<uint8_t>> image = state->durable;
        if (mode != Mode::DropUnsynced) {
            // The cache may have flushed any of the pending writes, even of a never-synced file.
            bool exists = image.has_value() || (!state->pending.empty() && coin());
            if (exists) {
                if (!image)
                    image.emplace();
                for (const PendingOp& op : state->pending) {
                    if (mode == Mode::TornRandom || op.truncate) {
                        if (coin())
                            apply(*image, op);
                        continue;
                    }
                    // Each sector the write touches survives on its own.
                    int64_t end = op.offset + int64_t(op.bytes.size());
                    for (int64_t at = op.offset; at < end;) {
                        int64_t sector_end = std::min(end, (at / k_sector_bytes + 1) * k_sector_bytes);
                        if (coin()) {
                            auto from = op.bytes.begin() + (at - op.offset);
                            apply(*image, {at, false, std::vector<uint8_t>(from, from + (sector_end - at))});
                        }
                        at = sector_end;
                    }
                }
            }
        }
        std::error_code ignored;
        if (image)
            write_file(path, *image);
        else
            std::filesystem::remove(path, ignored);
        if (state->main_db)
            std::filesystem::remove(path + "-shm", ignored);
    }
    // Reboot: what is on the disk now is all there is, and it is durable.
    impl.files.clear();
    impl.crash_after.reset();
    impl.crashed = false;
}

}  // namespace linli::test
