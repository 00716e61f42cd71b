// Replays fuzz inputs without libFuzzer, so every build (g++ included) runs each target over
// its corpus in ctest: `linli_fuzz_replay_NAME DIR_OR_FILE...` feeds every regular file (in
// directories recursively, in name order) to LLVMFuzzerTestOneInput. A missing or empty
// corpus fails the run, so a misplaced corpus cannot pass silently.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace fs = std::filesystem;

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
        return 2;
    }
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg = argv[i];
        std::error_code error;
        if (fs::is_regular_file(arg, error)) {
            inputs.push_back(arg);
            continue;
        }
        if (!fs::is_directory(arg, error)) {
            std::fprintf(stderr, "replay: %s: no such file or directory\n", argv[i]);
            return 1;
        }
        std::vector<fs::path> found;
        for (const auto& entry : fs::recursive_directory_iterator(arg, error))
            if (entry.is_regular_file()) found.push_back(entry.path());
        if (error || found.empty()) {
            std::fprintf(stderr, "replay: %s: no inputs (%s)\n", argv[i],
                         error ? error.message().c_str() : "empty corpus");
            return 1;
        }
        std::sort(found.begin(), found.end());
        inputs.insert(inputs.end(), found.begin(), found.end());
    }
    for (const auto& path : inputs) {
        std::ifstream file(path, std::ios::binary);
        if (!file) {
            std::fprintf(stderr, "replay: %s: cannot open\n", path.c_str());
            return 1;
        }
        std::vector<char> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        // An exact-size heap copy, so AddressSanitizer sees a read one byte past the input.
        auto data = std::make_unique<uint8_t[]>(bytes.size());
        std::copy(bytes.begin(), bytes.end(), data.get());
        std::fprintf(stderr, "replay: %s (%zu bytes)\n", path.c_str(), bytes.size());
        LLVMFuzzerTestOneInput(data.get(), bytes.size());
    }
    std::printf("replay: %zu inputs ran without a failure\n", inputs.size());
    return 0;
}
