// 朗读 (issue 13): a notice's text as a Mandarin voice should say it. Speech engines read digits
// and symbols poorly ("¥1,234.50" as "one comma two three four"), so the text is normalised first:
// money into yuan, jiao and fen, dates and times into words, building and room numbers, phone
// numbers digit by digit, percentages, and Markdown marks and symbols dropped; a small table
// replaces words whose characters the engine reads in the wrong tone (银行, 重新, 还款 ...).
// Pure text in, text out: what the engine makes of it is platform's part.
//
// Checked against Debian 12's espeak-ng 1.51 (`espeak-ng -q -x`): the voice `cmn` switches to
// English for most characters and reads the tone digits of its own pinyin aloud; the voice
// `cmn-latn-pinyin` says the tones (and the third-tone sandhi of 掌者). That voice reads 银行
// yín xíng, 行业 xíng yè, 重新 zhòng xīn, 还款 hái kuǎn, 长者 cháng zhě, 会计 huì jì, 重庆 zhòng qìng
// and 便宜 biàn yí; the homophones below give yín háng, háng yè, chóng xīn, huán kuǎn, zhǎng zhě,
// kuài jì, chóng qìng and pián yí.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace linli {

// How fast 朗读 speaks (慢 / 中 / 快): a resident's choice that services keep and platform turns
// into the engine's rate (platform::speech_rate). Here, not in platform, so services can name it.
enum class SpeechSpeed { Slow, Medium, Fast };

// A whole number in words: 0 零, 10 十, 105 一百零五, 1010 一千零一十, 12345678 一千二百三十四万五千六百七十八.
std::string chinese_number(int64_t n);
// Digits one by one: "2026" 二零二六; phone: 1 is read 幺, as Chinese phone numbers are read.
std::string chinese_digits(std::string_view digits, bool phone = false);
// An amount in fen, in yuan, jiao and fen: 123450 一千二百三十四元五角, 500000 五千元, 5 五分.
std::string chinese_money(int64_t fen);

// The text as it should be spoken (see the header comment). Chinese punctuation that makes a
// pause (，。；：！？、) is kept; brackets, quotes and Markdown marks go.
std::string speech_text(std::string_view text);

}  // namespace linli
