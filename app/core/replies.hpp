// The administrators' answers to residents' feedback (意见箱), and the box's settings from
// board.toml. An authored reply names its receipt code; a locked reply is what kiosks and bundles
// hold instead: no code, only a salt, a look-up id and the reply encrypted under a key that only
// the code gives (crypto/reply_lock.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace linli {

// board.toml [feedback].
struct FeedbackSettings {
    std::vector<std::string> topics;  // empty: the built-in list
    std::string online_url;           // the online form, shown as a QR code; empty: none
};

// One [[reply]] of feedback/replies.toml, as the administrator wrote it.
struct AuthoredReply {
    std::string code;     // normalized receipt code, "ABCD2345"
    std::string reply;    // the answer, shown to whoever types the code
    bool is_public = false;
    std::string message;  // public: the message as the administrator edited it for display
    std::string topic;    // public: shown with it
    int64_t day_s = 0;    // the reply's date (local midnight); 0 when not given
    int line = 0;         // in replies.toml, for messages
};

// A reply listed on every kiosk's 意见箱 screen (最新回复): no code, nothing that names the writer.
struct PublicReply {
    std::string topic;
    std::string message;
    std::string reply;
    int64_t day_s = 0;
};

// A reply that opens only with its receipt code. Byte strings: salt 16, lookup 16, box = nonce
// (24) + secretbox of the plain text (16 + n).
struct LockedReply {
    std::string salt;
    std::string lookup;
    std::string box;
};

// What a locked reply holds once opened.
struct OpenedReply {
    std::string reply;
    int64_t day_s = 0;
};

}  // namespace linli
