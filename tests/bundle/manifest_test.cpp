// The manifest, signature lines and key rotation statements as text: what build writes parses
// back identically, and each rule a kiosk relies on is enforced with a message naming the line.
#include "bundle_test_support.hpp"

#include "bundle/manifest.hpp"
#include "bundle/trust.hpp"

using namespace linli;
using namespace linli::bundle;
using namespace linli::bundle::test;

namespace {

Manifest sample()
{
    Manifest m;
    m.version = 42;
    m.created_s = k_now;
    m.expires_s = k_now + 86400;
    m.scope = {"lobby-1", "lobby-2"};
    m.board = "幸福里 \"社区\"";
    m.files = {{"announcements/停水.md", 12, crypto::sha256("hello")}, {"board.toml", 0, crypto::sha256("")}};
    return m;
}

std::string parse_error(const std::string& text)
{
    auto parsed = parse_manifest(text);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().kind == ErrorKind::Rejected);
    return parsed.error().message;
}

}  // namespace

TEST_CASE("a written manifest parses back to the same manifest", "[bundle]")
{
    Manifest m = sample();
    auto parsed = parse_manifest(write_manifest(m));
    REQUIRE(parsed);
    CHECK(parsed->version == 42);
    CHECK(parsed->created_s == k_now);
    CHECK(parsed->expires_s == k_now + 86400);
    CHECK(parsed->scope == m.scope);
    CHECK(parsed->board == m.board);
    REQUIRE(parsed->files.size() == 2);
    CHECK(parsed->files[0].path == "announcements/停水.md");
    CHECK(parsed->files[0].sha256 == crypto::sha256("hello"));
    CHECK(write_manifest(*parsed) == write_manifest(m));
}

TEST_CASE("manifest times are UTC with a zone, other zones convert", "[bundle]")
{
    CHECK(format_utc(k_now) == "2026-11-25T02:00:30Z");
    std::string text = write_manifest(sample());
    text.replace(text.find("2026-11-25T02:00:30Z"), 20, "2026-11-25T10:00:30+08:00");
    auto parsed = parse_manifest(text);
    REQUIRE(parsed);
    CHECK(parsed->created_s == k_now);
}

TEST_CASE("manifest rules, each with the line it is about", "[bundle]")
{
    const std::string good = write_manifest(sample());
    auto with = [&](std::string_view from, std::string_view to) {
        std::string text = good;
        size_t at = text.find(from);
        REQUIRE(at != std::string::npos);
        return text.replace(at, from.size(), to);
    };
    CHECK(parse_error(with("format = 1", "format = 3")) ==
          "bundle: manifest.toml:2: bundle format 3 is not known to this kiosk (it reads format 1); update the kiosk software");
    CHECK(parse_error(with("version = 42", "version = 0")) == "bundle: manifest.toml:3: \"version\" must be a positive number");
    CHECK(parse_error(with("created = 2026-11-25T02:00:30Z", "created = 2026-11-25T02:00:30")) ==
          "bundle: manifest.toml:4: \"created\" must be a date-time with a time zone, e.g. 2026-11-25T02:00:00Z");
    CHECK(parse_error(with("expires = 2026-11-26T02:00:30Z", "expires = 2026-11-24T02:00:30Z")) ==
          "bundle: manifest.toml:5: \"expires\" is not after \"created\"");
    CHECK(parse_error(with("\"lobby-2\"", "\"lobby 2\"")) ==
          "bundle: manifest.toml:6: a kiosk id in \"scope\" must be 1-64 letters, digits, '.', '_' or '-'");
    CHECK(parse_error(with("path = \"board.toml\"", "path = \"media/../../x\"")) ==
          "bundle: manifest.toml:14: file path \"media/../../x\" is not a plain relative path inside the folder");
    CHECK(parse_error(with("path = \"board.toml\"", "path = \"media/.hidden\"")) ==
          "bundle: manifest.toml:14: file path \"media/.hidden\" is not a plain relative path inside the folder");
    CHECK(parse_error(with("size = 0", "size = 99999999999")) ==
          "bundle: manifest.toml:14: file \"board.toml\": \"size\" must be 0 to 67108864");
    CHECK(parse_error(with("path = \"board.toml\"", "path = \"announcements/停水.md\"")) ==
          "bundle: manifest.toml:14: file \"announcements/停水.md\" is listed twice");
    CHECK(parse_error(with("format = 1", "format = 1\nunsigned = true")) == "bundle: manifest.toml:3: unknown key \"unsigned\"");
    CHECK_THAT(parse_error("format = 1\n[[file]\n"), Catch::StartsWith("bundle: manifest.toml:2: not valid TOML"));
}

TEST_CASE("a signature line verifies only the exact text with a trusted key", "[bundle]")
{
    TempDir tmp;
    TestKey key(tmp.file("k")), other(tmp.file("o"));
    const std::string line = signature_line("manifest text", key.public_key, key.secret);
    CHECK(check_signature("manifest text", line, "manifest.sig", key.trusted()));
    CHECK(check_signature("manifest text", "# two signers\n" + signature_line("manifest text", other.public_key, other.secret) + line,
                          "manifest.sig", key.trusted()));
    auto changed = check_signature("manifest text!", line, "manifest.sig", key.trusted());
    REQUIRE_FALSE(changed);
    CHECK(changed.error().message ==
          "bundle: manifest.sig: the signature does not verify: the bundle was changed after it was signed");
    auto untrusted = check_signature("manifest text", line, "manifest.sig", other.trusted());
    REQUIRE_FALSE(untrusted);
    CHECK(untrusted.error().message == "bundle: manifest.sig: signed by a key this kiosk does not trust (check [trust] admin_keys)");
    auto garbled = check_signature("manifest text", "ed25519 xyz\n", "manifest.sig", key.trusted());
    REQUIRE_FALSE(garbled);
    CHECK(garbled.error().message == "bundle: manifest.sig:1: not a signature line (expected \"ed25519 <key> <signature>\")");
}

TEST_CASE("a key rotation applies only when newer and signed by the keys in force", "[bundle]")
{
    TempDir tmp;
    TestKey old_key(tmp.file("old")), new_key(tmp.file("new")), stranger(tmp.file("s"));
    const std::string text = write_key_rotation({1, k_now, {new_key.public_key}});
    const std::string by_old = signature_line(text, old_key.public_key, old_key.secret);

    auto rotated = apply_rotation(old_key.trusted(), text, by_old);
    REQUIRE(rotated);
    CHECK(rotated->serial == 1);
    CHECK(rotated->keys == std::vector<crypto::PublicKey>{new_key.public_key});

    // Already in force (serial 1): nothing changes, whoever signed it.
    TrustedKeys current{1, {new_key.public_key}};
    auto same = apply_rotation(current, text, signature_line(text, stranger.public_key, stranger.secret));
    REQUIRE(same);
    CHECK(same->keys == current.keys);

    auto forged = apply_rotation(old_key.trusted(), text, signature_line(text, stranger.public_key, stranger.secret));
    REQUIRE_FALSE(forged);
    CHECK_THAT(forged.error().message, Catch::Contains("keys.sig: signed by a key this kiosk does not trust"));
}

TEST_CASE("key files: the kind is checked and a readable secret key is refused", "[bundle]")
{
    TempDir tmp;
    TestKey key(tmp.file("k"));
    CHECK(crypto::read_public_key_file(key.dir + "/sign.pub", crypto::KeyKind::SignPublic));
    auto wrong_kind = crypto::read_public_key_file(key.dir + "/sign.pub", crypto::KeyKind::SealPublic);
    REQUIRE_FALSE(wrong_kind);
    CHECK_THAT(wrong_kind.error().message, Catch::EndsWith("this is a signing public key, expected a sealing public key"));
    ::chmod((key.dir + "/sign.key").c_str(), 0640);
    auto readable = crypto::read_secret_key_file(key.dir + "/sign.key", crypto::KeyKind::SignSecret);
    REQUIRE_FALSE(readable);
    CHECK_THAT(readable.error().message, Catch::Contains("others can read this secret key (mode 640); run: chmod 600"));
    auto missing = crypto::read_public_key_file(key.dir + "/none.pub", crypto::KeyKind::SignPublic);
    REQUIRE_FALSE(missing);
    CHECK_THAT(missing.error().message, Catch::Contains("cannot read the signing public key"));
}

TEST_CASE("manifest times outside 1970-9999 UTC are refused, and any board name writes back as TOML", "[bundle]")
{
    std::string text = write_manifest(sample());
    std::string early = text;
    early.replace(early.find("created = 2026"), 14, "created = 0448");
    CHECK_THAT(parse_error(early), Catch::Contains("\"created\""));
    Manifest m = sample();
    m.board = "line one\nline two\t\x7f\"quoted\"";
    auto parsed = parse_manifest(write_manifest(m));
    REQUIRE(parsed);
    CHECK(parsed->board == m.board);
}
