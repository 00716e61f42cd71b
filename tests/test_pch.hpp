// Precompiled for every test executable (tests/CMakeLists.txt): Catch2's single header and the
// standard headers most tests use. Tests still include what they use; this only saves parsing.
#pragma once
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>
