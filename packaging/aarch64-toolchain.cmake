# Cross-compiling Linli for arm64 (Raspberry Pi OS 64-bit / Debian 12 arm64) on an amd64 Debian 12
# with multiarch: `dpkg --add-architecture arm64`, the -dev:arm64 packages, g++-aarch64-linux-gnu
# (packaging/build-packages.sh --arch arm64 installs them). No sysroot: the arm64 libraries live in
# /usr/lib/aarch64-linux-gnu next to the build machine's own.
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=packaging/aarch64-toolchain.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
# find_library() and find_package() search lib/aarch64-linux-gnu instead of lib/x86_64-linux-gnu.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# pkg-config answers for arm64 only: the arm64 .pc files, the architecture-independent ones, and
# our stand-ins (cross-pkgconfig/zbar.pc, zinnia.pc) last. Environment variables set here reach
# the pkg-config that pkg_check_modules() runs; the toolchain file is read at every configure.
set(PKG_CONFIG_EXECUTABLE /usr/bin/pkg-config CACHE FILEPATH "pkg-config" FORCE)
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig:${CMAKE_CURRENT_LIST_DIR}/cross-pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# Test programs run under qemu-user (qemu-aarch64, package qemu-user): catch_discover_tests lists
# the tests of each binary at build time, and ctest runs them. libc6:arm64 puts the arm64 dynamic
# loader at /lib/ld-linux-aarch64.so.1, so qemu needs no -L or binfmt registration.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64)
