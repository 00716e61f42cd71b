#include "input/pinyin_engine.hpp"

#include "core/utf8.hpp"

#include <pinyinime.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace linli::input {

namespace fs = std::filesystem;
using ime_pinyin::char16;

namespace {

// One decoder per process (the library's state is global).
std::atomic<bool> g_engine_open{false};

constexpr size_t k_max_phrase = 32;       // hanzi in one decoded phrase
constexpr size_t k_max_candidates = 300;  // more than anyone pages through

std::string utf16_to_utf8(const char16* text)
{
    std::string out;
    for (size_t i = 0; text[i]; ++i) {
        char32_t cp = text[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (text[i + 1] - 0xDC00);
            ++i;
        }
        append_utf8(out, cp);
    }
    return out;
}

std::u16string utf8_to_utf16(std::string_view text)
{
    std::u16string out;
    for (size_t pos = 0; pos < text.size();) {
        char32_t cp = decode_utf8(text, pos);
        if (cp >= 0x10000) {
            out += char16_t(0xD800 + ((cp - 0x10000) >> 10));
            out += char16_t(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            out += char16_t(cp);
        }
    }
    return out;
}

// A folder in RAM when the system offers one (the session's runtime folder, then /dev/shm), so
// what the user dictionary learns never reaches the SD card; the temporary folder otherwise.
std::string private_folder_base()
{
    for (const char* candidate : {static_cast<const char*>(std::getenv("XDG_RUNTIME_DIR")), "/dev/shm"})
        if (candidate && *candidate && ::access(candidate, W_OK | X_OK) == 0) return candidate;
    std::error_code ec;
    return fs::temp_directory_path(ec).string();
}

// Zeros over the file's bytes before it goes: on a disk-backed /tmp the words would otherwise
// stay in free blocks.
void wipe_file(const std::string& path)
{
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd >= 0) {
        struct stat st {};
        if (::fstat(fd, &st) == 0) {
            static const char k_zeros[4096] = {};
            for (off_t done = 0; done < st.st_size;) {
                ssize_t w = ::pwrite(fd, k_zeros, size_t(std::min<off_t>(sizeof k_zeros, st.st_size - done)), done);
                if (w <= 0) break;
                done += w;
            }
            ::fsync(fd);
        }
        ::close(fd);
    }
    ::unlink(path.c_str());
}

}  // namespace

std::string default_pinyin_dictionary()
{
#ifdef LINLI_MULTIARCH
    return "/usr/lib/" LINLI_MULTIARCH "/googlepinyin/data/dict_pinyin.dat";
#else
    return "/usr/lib/googlepinyin/data/dict_pinyin.dat";
#endif
}

Result<std::unique_ptr<PinyinEngine>> PinyinEngine::open(const std::string& dictionary, CharacterFilter filter)
{
    if (::access(dictionary.c_str(), R_OK) != 0)
        return Error::internal("pinyin: " + dictionary + ": cannot read the dictionary (" + std::strerror(errno) +
                               "); install libgooglepinyin0");
    if (g_engine_open.exchange(true))
        return Error::internal("pinyin: the decoder is already open (one per process)");
    std::string pattern = private_folder_base() + "/linli-pinyin-XXXXXX";
    if (!::mkdtemp(pattern.data())) {
        g_engine_open = false;
        return Error::internal("pinyin: cannot make a private folder in " + private_folder_base() + " (" +
                               std::strerror(errno) + ")");
    }
    std::unique_ptr<PinyinEngine> engine(new PinyinEngine(dictionary, pattern, std::move(filter)));
    TRY_STATUS(engine->open_decoder());
    return engine;
}

PinyinEngine::PinyinEngine(std::string dictionary, std::string folder, CharacterFilter filter)
    : m_dictionary(std::move(dictionary)), m_folder(std::move(folder)), m_user_dict(m_folder + "/user.dict"),
      m_filter(std::move(filter))
{
}

PinyinEngine::~PinyinEngine()
{
    close_decoder();
    ::rmdir(m_folder.c_str());
    g_engine_open = false;
}

Status PinyinEngine::open_decoder()
{
    // The library refuses a user dictionary that does not exist, and a NULL path makes a later
    // im_get_predicts crash (TECH-NOTES.md): an empty file, private to us.
    int fd = ::open(m_user_dict.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return Error::internal("pinyin: " + m_user_dict + ": cannot create (" + std::strerror(errno) + ")");
    ::close(fd);
    if (!ime_pinyin::im_open_decoder(m_dictionary.c_str(), m_user_dict.c_str())) {
        wipe_file(m_user_dict);
        return Error::internal("pinyin: " + m_dictionary + ": the decoder does not open this dictionary");
    }
    ime_pinyin::im_set_max_lens(k_max_letters, k_max_phrase);
    // Initials only: "wygl" finds 物业管理, as elderly residents often type.
    ime_pinyin::im_enable_shm_as_szm(true);
    ime_pinyin::im_enable_ym_as_szm(true);
    m_open = true;
    return {};
}

void PinyinEngine::close_decoder()
{
    if (m_open) ime_pinyin::im_close_decoder();  // writes what it learnt into m_user_dict
    m_open = false;
    wipe_file(m_user_dict);
}

Status PinyinEngine::reset()
{
    m_letters.clear();
    m_chosen.clear();
    m_candidates.clear();
    m_engine_index.clear();
    close_decoder();
    return open_decoder();
}

bool PinyinEngine::add_letter(char letter)
{
    if (!((letter >= 'a' && letter <= 'z') || letter == '\'')) return false;
    if (m_letters.size() >= k_max_letters) return false;
    if (letter == '\'' && (m_letters.empty() || m_letters.back() == '\'')) return true;  // nothing to separate
    m_letters += letter;
    search();
    return true;
}

bool PinyinEngine::remove_letter()
{
    if (m_letters.empty()) return false;
    m_letters.pop_back();
    m_chosen.clear();
    if (m_open) ime_pinyin::im_reset_search();
    search();
    return true;
}

void PinyinEngine::search()
{
    m_candidates.clear();
    m_engine_index.clear();
    if (!m_open || m_letters.empty()) {
        if (m_open) ime_pinyin::im_reset_search();
        return;
    }
    read_candidates(ime_pinyin::im_search(m_letters.c_str(), m_letters.size()));
}

void PinyinEngine::read_candidates(size_t count)
{
    m_candidates.clear();
    m_engine_index.clear();
    char16 buffer[k_max_phrase + 1];
    for (size_t i = 0; i < count && m_candidates.size() < k_max_candidates; ++i) {
        if (!ime_pinyin::im_get_candidate(i, buffer, k_max_phrase)) continue;
        buffer[k_max_phrase] = 0;
        std::string text = utf16_to_utf8(buffer);
        bool shown = !text.empty();
        for (size_t pos = 0; shown && m_filter && pos < text.size();) shown = m_filter(decode_utf8(text, pos));
        if (!shown) continue;
        m_candidates.push_back(std::move(text));
        m_engine_index.push_back(i);
    }
}

std::optional<std::string> PinyinEngine::choose(size_t i)
{
    if (!m_open || i >= m_candidates.size()) return std::nullopt;
    const std::string picked = m_candidates[i];
    const size_t count = ime_pinyin::im_choose(m_engine_index[i]);
    const uint16_t* starts = nullptr;
    const size_t syllables = ime_pinyin::im_get_spl_start_pos(starts);
    if (ime_pinyin::im_get_fixed_len() < syllables) {
        m_chosen += picked;  // a part: the candidates now continue after it
        read_candidates(count);
        return std::nullopt;
    }
    // The whole spelling is fixed: the one candidate left is the phrase. Letters the decoder
    // could not parse (a typo at the end) stay in the buffer for another try.
    char16 buffer[k_max_phrase + 1] = {};
    std::string phrase = ime_pinyin::im_get_candidate(0, buffer, k_max_phrase) ? utf16_to_utf8(buffer) : m_chosen + picked;
    size_t decoded = 0;
    ime_pinyin::im_get_sps_str(&decoded);
    std::string rest = decoded < m_letters.size() ? m_letters.substr(decoded) : std::string();
    m_chosen.clear();
    m_letters.clear();
    ime_pinyin::im_reset_search();
    m_candidates.clear();
    m_engine_index.clear();
    for (char c : rest) add_letter(c);
    return phrase;
}

std::string PinyinEngine::pending_letters() const
{
    if (!m_open || m_chosen.empty()) return m_letters;
    const uint16_t* starts = nullptr;
    const size_t syllables = ime_pinyin::im_get_spl_start_pos(starts);
    const size_t fixed = ime_pinyin::im_get_fixed_len();
    if (!starts || fixed > syllables || starts[fixed] > m_letters.size()) return m_letters;
    return m_letters.substr(starts[fixed]);
}

std::vector<std::string> PinyinEngine::predictions(std::string_view committed, size_t max) const
{
    std::vector<std::string> out;
    if (!m_open || committed.empty() || max == 0) return out;
    // The library predicts from at most kMaxPredictSize characters and gives nothing for a
    // longer history (TECH-NOTES.md): the last few characters typed.
    std::u16string history = utf8_to_utf16(committed);
    constexpr size_t k_history = 4;
    if (history.size() > k_history) history = history.substr(history.size() - k_history);
    char16 (*predicted)[ime_pinyin::kMaxPredictSize + 1] = nullptr;
    const size_t n = ime_pinyin::im_get_predicts(reinterpret_cast<const char16*>(history.c_str()), predicted);
    for (size_t i = 0; i < n && out.size() < max && predicted; ++i) {
        predicted[i][ime_pinyin::kMaxPredictSize] = 0;
        std::string text = utf16_to_utf8(predicted[i]);
        bool shown = !text.empty();
        for (size_t pos = 0; shown && m_filter && pos < text.size();) shown = m_filter(decode_utf8(text, pos));
        if (shown) out.push_back(std::move(text));
    }
    return out;
}

}  // namespace linli::input
