#include "platform/png_writer.hpp"

#include <png.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace linli::platform {

Status write_png_rgba(const std::string& path, const std::vector<uint8_t>& rgba, int width, int height)
{
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
    if (!file)
        return Error::internal("screenshot: " + path + ": cannot write (" + std::strerror(errno) + ")");
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = uint32_t(width);
    image.height = uint32_t(height);
    image.format = PNG_FORMAT_RGBA;
    if (!png_image_write_to_stdio(&image, file.get(), 0, rgba.data(), width * 4, nullptr))
        return Error::internal("screenshot: " + path + ": " + image.message);
    if (std::fflush(file.get()) != 0)
        return Error::internal("screenshot: " + path + ": cannot write (" + std::strerror(errno) + ")");
    return {};
}

}  // namespace linli::platform
