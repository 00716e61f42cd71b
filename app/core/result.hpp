// Result<T>: a value or an Error, in the shape of std::expected (C++23 is not on every target
// compiler). TRY(expr) unwraps a Result inside a function that itself returns a Result.
// Error messages start with the component and name the file: "config: kiosk.toml:3: ...".
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace linli {

// How the caller should treat a failure; maps to the exit codes in INTERFACES.md.
enum class ErrorKind {
    Rejected,  // bad outside input (config, bundle, script, content): exit 2
    Internal,  // our own failure or the system's (disk, GL, SQLite): exit 1
};

struct Error {
    ErrorKind kind = ErrorKind::Internal;
    std::string message;

    static Error rejected(std::string message) { return {ErrorKind::Rejected, std::move(message)}; }
    static Error internal(std::string message) { return {ErrorKind::Internal, std::move(message)}; }
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}

    bool has_value() const { return m_state.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T& value() & { assert(has_value()); return std::get<0>(m_state); }
    const T& value() const& { assert(has_value()); return std::get<0>(m_state); }
    T&& value() && { assert(has_value()); return std::get<0>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { assert(!has_value()); return std::get<1>(m_state); }
    Error&& release_error() { assert(!has_value()); return std::get<1>(std::move(m_state)); }

private:
    std::variant<T, Error> m_state;
};

// Result<void>: success carries nothing.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool has_value() const { return !m_failed; }
    explicit operator bool() const { return has_value(); }
    void value() const { assert(has_value()); }
    const Error& error() const { assert(m_failed); return m_error; }
    Error&& release_error() { assert(m_failed); return std::move(m_error); }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

}  // namespace linli

// TRY(expr): evaluate a Result; on error return it from the enclosing function, otherwise yield
// the value (GCC/Clang statement expression, as SerenityOS does).
#define TRY(expr)                                                   \
    ({                                                              \
        auto _linli_try_result = (expr);                            \
        if (!_linli_try_result.has_value())                         \
            return _linli_try_result.release_error();               \
        std::move(_linli_try_result).value();                       \
    })

// TRY_STATUS(expr): the same for Result<void>.
#define TRY_STATUS(expr)                                            \
    do {                                                            \
        auto _linli_try_status = (expr);                            \
        if (!_linli_try_status.has_value())                         \
            return _linli_try_status.release_error();               \
    } while (0)
