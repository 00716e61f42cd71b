// The 拼音 decoder as a resident uses it: letters in, candidates out, a tap commits; initials;
// a phrase chosen in parts; backspace; predictions; the user dictionary private and wiped, so
// the next resident's candidates do not carry the previous resident's words (F2, F4).
#include "input/pinyin_engine.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>

using namespace linli;
using namespace linli::input;

namespace {

std::unique_ptr<PinyinEngine> open_engine(PinyinEngine::CharacterFilter filter = {})
{
    auto engine = PinyinEngine::open(default_pinyin_dictionary(), std::move(filter));
    REQUIRE(engine);
    return std::move(engine).value();
}

void type(PinyinEngine& engine, std::string_view letters)
{
    for (char c : letters) REQUIRE(engine.add_letter(c));
}

size_t index_of(const std::vector<std::string>& list, const std::string& text)
{
    return size_t(std::find(list.begin(), list.end(), text) - list.begin());
}

std::string file_bytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("pinyin: shequ gives 社区 first, and tapping it commits it", "[input]")
{
    auto engine = open_engine();
    type(*engine, "shequ");
    REQUIRE_FALSE(engine->candidates().empty());
    CHECK(engine->candidates()[0] == "社区");
    auto committed = engine->choose(0);
    REQUIRE(committed);
    CHECK(*committed == "社区");
    CHECK(engine->letters().empty());
    CHECK(engine->candidates().empty());
}

TEST_CASE("pinyin: a whole sentence, initials only, and v for ü", "[input]")
{
    auto engine = open_engine();
    type(*engine, "diantihuaile");
    REQUIRE_FALSE(engine->candidates().empty());
    CHECK(engine->candidates()[0] == "电梯坏了");
    REQUIRE(engine->reset());
    type(*engine, "wygl");
    CHECK(index_of(engine->candidates(), "物业管理") < 5);
    REQUIRE(engine->reset());
    type(*engine, "lvse");
    CHECK(index_of(engine->candidates(), "绿色") < 3);
}

TEST_CASE("pinyin: a phrase chosen in parts, then committed whole", "[input]")
{
    auto engine = open_engine();
    type(*engine, "shequfuwu");
    // The first syllables' word alone: the rest stays to choose, and the first candidate is
    // the whole phrase with the best guess for the rest, as the library gives it.
    size_t i = index_of(engine->candidates(), "社区");
    REQUIRE(i < engine->candidates().size());
    CHECK_FALSE(engine->choose(i));
    CHECK(engine->chosen() == "社区");
    CHECK(engine->pending_letters() == "fuwu");
    CHECK(engine->candidates()[0] == "社区服务");
    // Character by character: 服, then 务 ends it.
    CHECK_FALSE(engine->choose(index_of(engine->candidates(), "服")));
    CHECK(engine->pending_letters() == "wu");
    auto committed = engine->choose(index_of(engine->candidates(), "务"));
    REQUIRE(committed);
    CHECK(*committed == "社区服务");
    CHECK(engine->letters().empty());
}

TEST_CASE("pinyin: backspace edits the letters first and searches again", "[input]")
{
    auto engine = open_engine();
    type(*engine, "toupiaox");
    CHECK(engine->remove_letter());
    CHECK(engine->letters() == "toupiao");
    CHECK(engine->candidates()[0] == "投票");
    while (engine->remove_letter()) {}
    CHECK(engine->letters().empty());
    CHECK(engine->candidates().empty());
    CHECK_FALSE(engine->remove_letter());
    CHECK_FALSE(engine->add_letter('1'));  // digits are the 符号 keyboard's
}

TEST_CASE("pinyin: the filter keeps out candidates the fonts cannot show", "[input]")
{
    // As if the fonts lacked 区: no candidate containing it is offered.
    auto engine = open_engine([](char32_t c) { return c != U'区'; });
    type(*engine, "shequ");
    for (const std::string& c : engine->candidates()) CHECK(c.find("区") == std::string::npos);
    CHECK_FALSE(engine->candidates().empty());
}

TEST_CASE("pinyin: next-word predictions after a commit", "[input]")
{
    auto engine = open_engine();
    auto after = engine->predictions("电梯", 10);
    CHECK_FALSE(after.empty());
    CHECK(engine->predictions("", 10).empty());
}

TEST_CASE("pinyin: one engine per process", "[input]")
{
    auto engine = open_engine();
    auto second = PinyinEngine::open();
    REQUIRE_FALSE(second);
    CHECK_THAT(second.error().message, Catch::Contains("already open"));
}

TEST_CASE("pinyin: a missing dictionary is named", "[input]")
{
    auto engine = PinyinEngine::open("/nonexistent/dict_pinyin.dat");
    REQUIRE_FALSE(engine);
    CHECK_THAT(engine.error().message, Catch::Contains("/nonexistent/dict_pinyin.dat"));
}

TEST_CASE("pinyin: the user dictionary is private, and reset leaves nothing of what was typed", "[input]")
{
    auto engine = open_engine();
    const std::string dict = engine->user_dictionary();
    struct stat folder {};
    REQUIRE(::stat(dict.substr(0, dict.rfind('/')).c_str(), &folder) == 0);
    CHECK((folder.st_mode & 0777) == 0700);
    CHECK(::access(dict.c_str(), F_OK) == 0);

    // A resident composes an unusual phrase again and again: the decoder learns it and then
    // offers it first (which is what a user dictionary is for).
    const std::string letters = "gongshishijian";
    type(*engine, letters);
    const std::vector<std::string> fresh = engine->candidates();
    REQUIRE(fresh[0] == "公式时间");
    for (int i = 0; i < 3; ++i) {
        CHECK_FALSE(engine->choose(index_of(engine->candidates(), "公事")));
        auto committed = engine->choose(0);
        REQUIRE(committed);
        CHECK(*committed == "公事时间");
        type(*engine, letters);
    }
    CHECK(engine->candidates()[0] == "公事时间");
    while (engine->remove_letter()) {}

    // The idle reset: the next resident gets the dictionary's own order back.
    REQUIRE(engine->reset());
    type(*engine, letters);
    CHECK(engine->candidates() == fresh);
    // Nor on file: the dictionary keeps UTF-16LE, and 公事 (U+516C U+4E8B) is not in it.
    CHECK(file_bytes(engine->user_dictionary()).find("\x6C\x51\x8B\x4E") == std::string::npos);
}
