// PinyinEngine: the 拼音 keyboard's decoder, libgooglepinyin behind a small interface the UI and
// tests drive with strings. The library keeps one global decoder per process and is not
// thread-safe, so there is at most one engine, used on the main thread. Its user dictionary
// learns what residents type, in plaintext: it lives in a private folder (0700, in RAM where the
// system has a tmpfs for it) and reset() wipes it, so one resident's words never reach the file
// system for long nor the next resident's candidates (SECURITY.md F2, F4).
#pragma once

#include "core/result.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linli::input {

// Debian's dictionary, under the multiarch library folder of the machine the kiosk was built for.
std::string default_pinyin_dictionary();

class PinyinEngine {
public:
    // Whether a candidate can be shown: the UI passes "every character is in our fonts", so no
    // candidate ever shows as tofu. Default: everything.
    using CharacterFilter = std::function<bool(char32_t)>;

    // Opens the decoder on dictionary with a new, empty user dictionary. Fails (Internal, naming
    // the file) when the dictionary cannot be opened, and (Internal) if an engine is already open.
    static Result<std::unique_ptr<PinyinEngine>> open(const std::string& dictionary = default_pinyin_dictionary(),
                                                      CharacterFilter filter = {});
    ~PinyinEngine();
    PinyinEngine(const PinyinEngine&) = delete;
    PinyinEngine& operator=(const PinyinEngine&) = delete;

    // The letters typed so far (a-z and the ' separator; 'v' stands for ü), as the bar shows them.
    const std::string& letters() const { return m_letters; }
    // Adds a letter (a-z, or ' between syllables); anything else is ignored. False when the
    // buffer is full (k_max_letters).
    bool add_letter(char letter);
    // Backspace on the pinyin: the last letter goes, and the search starts again from the rest
    // (any partly chosen phrase is dropped with it). False when there were no letters.
    bool remove_letter();

    // The candidates for the letters: whole-phrase guesses first, as the library orders them,
    // without any the filter refuses. Empty when there are no letters.
    const std::vector<std::string>& candidates() const { return m_candidates; }

    // Taps candidate i. When it covers the rest of the letters, the phrase chosen so far is
    // returned and the buffer is empty; otherwise nothing is returned, the candidates are for the
    // letters that remain, and chosen() shows what is fixed so far.
    std::optional<std::string> choose(size_t i);
    // What has been chosen from the front of the letters (empty unless a choice covered only a part).
    const std::string& chosen() const { return m_chosen; }
    // The letters not yet covered by chosen(); equal to letters() when nothing is chosen.
    std::string pending_letters() const;

    // Next-word predictions after committed text (its last characters are the history), best
    // first, filtered like the candidates, at most max.
    std::vector<std::string> predictions(std::string_view committed, size_t max) const;

    // Forgets the letters and the candidates, and empties the user dictionary: the decoder is
    // closed, the file wiped and removed, a new empty one made, the decoder opened again. On
    // every idle reset and after every submission. Fails (Internal) only if the decoder cannot
    // be opened again; the engine then has no candidates until a later reset succeeds.
    Status reset();

    // The user dictionary's path (tests check that it is private and wiped).
    const std::string& user_dictionary() const { return m_user_dict; }

    static constexpr size_t k_max_letters = 40;

private:
    PinyinEngine(std::string dictionary, std::string folder, CharacterFilter filter);
    Status open_decoder();
    void close_decoder();
    void search();
    void read_candidates(size_t count);

    std::string m_dictionary;
    std::string m_folder;     // private, 0700
    std::string m_user_dict;  // m_folder/user.dict
    CharacterFilter m_filter;
    bool m_open = false;
    std::string m_letters;
    std::string m_chosen;
    std::vector<std::string> m_candidates;
    std::vector<size_t> m_engine_index;  // m_candidates[i] is the library's candidate m_engine_index[i]
};

}  // namespace linli::input
