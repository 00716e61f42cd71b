// The object linli_test_pch compiles, so its precompiled header can be reused (tests/CMakeLists.txt).
