// linli-admin's subcommands: each lives in its own file (hash_pin.cpp, check_config.cpp, ...) and
// is listed once in main.cpp. A subcommand gets its arguments after the command name, writes its
// results to stdout and returns a Status; main maps that to the exit codes of INTERFACES.md §4.
#pragma once

#include "core/i18n.hpp"
#include "core/result.hpp"
#include "services/exports.hpp"

#include <functional>
#include <optional>
#include <span>
#include <string_view>

namespace linli::admin {

using Args = std::span<const std::string_view>;

struct AdminCommand {
    std::string_view name;      // "check-config"
    std::string_view synopsis;  // "FILE", shown after the name in --help
    std::string_view summary;   // one line for --help
    Status (*run)(Args args);   // nullptr: listed as coming, not available yet
};

// A new secret (a PIN, a password): at a terminal asked twice without echo, otherwise the first
// line of standard input; check says why one cannot be used.
struct SecretPrompt {
    const char* first;          // "New admin PIN (4-12 digits): "
    const char* again;          // "The same PIN again: "
    std::string_view none_on_stdin, differ;  // the refusals' words
    std::function<Status(const std::string&)> check;
};
Result<std::string> read_new_secret(const SecretPrompt& prompt);

// Reads a PIN (stdin line, or twice without echo at a terminal) and prints its pin_hash line.
Status run_hash_pin(Args args);

// Validates a kiosk.toml; prints "ok", or returns the "config: FILE:LINE: ..." error.
Status run_check_config(Args args);

// Validates a content authoring folder; prints every problem, or an "ok" summary with counts.
Status run_check_content(Args args);

// Checks a content folder, then runs linli-kiosk on it in a window (replaces this process).
Status run_preview(Args args);
// linli-kiosk for previews: LINLI_KIOSK, next to this program, in a build tree, or on PATH.
std::string find_kiosk();
// The previews' own kiosk data folder, apart from any kiosk's data on this PC.
std::string preview_data_dir();

// Writes a new signing and sealing key pair into KEYDIR (private keys 0600).
Status run_keygen(Args args);

// Checks a content folder like run_check_content, then writes a signed bundle directory.
Status run_build(Args args);

// Verifies a bundle directory against a public key: signature, every file's length and hash.
Status run_verify(Args args);

// Issues one-time voting codes for a ballot at one kiosk: slips.pdf, and their hashes in the folder.
Status run_codes(Args args);

// Verifies kiosks' residents' data exports, opens them, writes a report and the feedback.
Status run_collect(Args args);

// Makes an office workspace: content/ (the demo to start from), keys/, bundle/, inbox/, results/.
Status run_init(Args args);

// The office's web console over a workspace, with the kiosks' LAN sync beside it.
Status run_console(Args args);

// The exports in a folder (a workspace's inbox), verified and opened with KEYDIR's seal key, as
// collect does; an empty or missing folder is an empty collection.
Result<services::Collection> open_inbox(const std::string& inbox, const std::string& key_dir);

// A TCP port number, 1-65535, as a person types it; nothing for anything else.
std::optional<int> parse_port(std::string_view text);

// Serves a bundle directory over HTTP to kiosks on the LAN and receives their exports.
Status run_serve(Args args);

// The language of messages for the locale (LC_ALL, LC_MESSAGES, LANG; zh* is Chinese).
Language message_language();

// Whether args ask for the subcommand's own help (-h / --help anywhere).
bool wants_help(Args args);

}  // namespace linli::admin
