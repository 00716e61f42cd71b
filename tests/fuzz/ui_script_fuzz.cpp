// Fuzz target for the UI script parser (SECURITY.md U9): any bytes give either commands that
// respect the documented limits or one rejection that names the file and line.
#include "core/utf8.hpp"
#include "fuzz_check.hpp"
#include "input/ui_script.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace linli::input;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto result = parse_ui_script(text, "fuzz.script");
    if (!result.has_value()) {
        const auto& error = result.error();
        FUZZ_CHECK(error.kind == linli::ErrorKind::Rejected);
        FUZZ_CHECK(error.message.starts_with("script: fuzz.script:"));
        FUZZ_CHECK(error.message.find('\n') == std::string::npos);  // one line on stderr
        FUZZ_CHECK(linli::is_valid_utf8(error.message));
        FUZZ_CHECK(error.message.size() < 1000);
        return 0;
    }
    int previous_line = 0;
    for (const ScriptCommand& command : *result) {
        FUZZ_CHECK(command.line > previous_line);
        previous_line = command.line;
        FUZZ_CHECK(linli::is_valid_utf8(command.text));
        for (float v : {command.x1, command.y1, command.x2, command.y2})
            FUZZ_CHECK(std::isfinite(v) && v >= 0 && v <= k_script_max_coordinate);
        FUZZ_CHECK(command.ms >= 0 && command.ms <= k_script_max_time * 1000);
        switch (command.op) {
        case ScriptOp::Tap:
        case ScriptOp::Type:
        case ScriptOp::Expect:
        case ScriptOp::Screenshot: FUZZ_CHECK(!command.text.empty()); break;
        default: FUZZ_CHECK(command.text.empty()); break;
        }
    }
    return 0;
}
