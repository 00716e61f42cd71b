// `linli-admin hash-pin`: turns an admin PIN into the pin_hash line of kiosk.toml, so the PIN
// itself never has to be written into any file. At a terminal the PIN is asked twice without
// echo; otherwise one line is read from stdin (`echo 482915 | linli-admin hash-pin`).
#include "admin/command.hpp"

#include "crypto/password.hpp"
#include "services/pin_gate.hpp"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#include <termios.h>
#include <unistd.h>

namespace linli::admin {

namespace {

// The terminal settings to put back if Ctrl-C arrives while echo is off; otherwise the
// administrator's shell would stay blind.
termios g_saved_termios;
volatile std::sig_atomic_t g_echo_is_off = 0;

extern "C" void restore_echo_and_die(int signal_number)
{
    if (g_echo_is_off)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved_termios);  // async-signal-safe
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

// Echo off on the terminal for this object's lifetime.
class EchoOff {
public:
    EchoOff()
    {
        if (tcgetattr(STDIN_FILENO, &g_saved_termios) != 0)
            return;
        termios quiet = g_saved_termios;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        m_old_int = std::signal(SIGINT, restore_echo_and_die);
        m_old_term = std::signal(SIGTERM, restore_echo_and_die);
        g_echo_is_off = 1;
        if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
            g_echo_is_off = 0;
    }
    ~EchoOff()
    {
        if (g_echo_is_off)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved_termios);
        g_echo_is_off = 0;
        if (m_old_int != SIG_ERR)
            std::signal(SIGINT, m_old_int);
        if (m_old_term != SIG_ERR)
            std::signal(SIGTERM, m_old_term);
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    void (*m_old_int)(int) = SIG_ERR;
    void (*m_old_term)(int) = SIG_ERR;
};

// One line without its line end; nothing at end of input.
std::optional<std::string> read_line()
{
    std::string line;
    if (!std::getline(std::cin, line) && line.empty())
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
}

std::optional<std::string> prompt_without_echo(const char* prompt)
{
    std::fputs(prompt, stderr);
    std::fflush(stderr);
    std::optional<std::string> line;
    {
        EchoOff echo_off;
        line = read_line();
    }
    std::fputs("\n", stderr);  // the Enter the administrator typed was not echoed
    return line;
}

}  // namespace

Result<std::string> read_new_secret(const SecretPrompt& p)
{
    if (!isatty(STDIN_FILENO)) {
        std::optional<std::string> secret = read_line();
        if (!secret) return Error::rejected(std::string(p.none_on_stdin));
        TRY_STATUS(p.check(*secret));
        return *secret;
    }
    std::optional<std::string> first = prompt_without_echo(p.first);
    if (!first) return Error::rejected(std::string(p.none_on_stdin));
    // Check before asking again: no point in repeating one that cannot be used.
    TRY_STATUS(p.check(*first));
    std::optional<std::string> second = prompt_without_echo(p.again);
    if (!second || *second != *first) return Error::rejected(std::string(p.differ));
    return *first;
}

namespace {

Result<std::string> read_pin()
{
    return read_new_secret({"New admin PIN (4-12 digits): ", "The same PIN again: ",
                            "hash-pin: no PIN on standard input (try: echo 482915 | linli-admin hash-pin)",
                            "hash-pin: the two PINs differ; nothing was changed, please try again",
                            [](const std::string& pin) { return services::check_new_pin(pin); }});
}

}  // namespace

Status run_hash_pin(Args args)
{
    if (wants_help(args)) {
        std::fputs("usage: linli-admin hash-pin\n\n"
                   "Reads an admin PIN of 4 to 12 digits and prints the line to put into the [admin]\n"
                   "section of kiosk.toml, replacing the pin_hash there:\n"
                   "    pin_hash = \"$argon2id$...\"\n"
                   "At a terminal the PIN is asked twice and not shown; otherwise the first line of\n"
                   "standard input is the PIN (echo 482915 | linli-admin hash-pin).\n", stdout);
        return {};
    }
    if (!args.empty())
        return Error::rejected("hash-pin: takes no arguments; it reads the PIN from standard input "
                               "(see linli-admin hash-pin --help)");
    std::string pin = TRY(read_pin());
    TRY_STATUS(services::check_new_pin(pin));
    std::string hash = TRY(crypto::hash_pin(pin));
    if (isatty(STDIN_FILENO))
        std::fputs("Put this line into the [admin] section of kiosk.toml:\n", stderr);
    std::printf("pin_hash = \"%s\"\n", hash.c_str());
    return {};
}

}  // namespace linli::admin
