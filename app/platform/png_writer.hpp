// Writes RGBA pixels to a PNG file (libpng); used for --screenshot and script screenshots.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace linli::platform {

// rgba: width*height*4 bytes, top row first.
Status write_png_rgba(const std::string& path, const std::vector<uint8_t>& rgba, int width, int height);

}  // namespace linli::platform
