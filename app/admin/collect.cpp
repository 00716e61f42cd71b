// `linli-admin collect EXPORT... --key KEYDIR --out DIR`: verifies residents' data exports from
// kiosks (signature, format, each kiosk's numbered chain: SECURITY.md B7), opens the sealed
// records with KEYDIR/seal.key and writes DIR/report.txt and DIR/feedback.txt. The checks live in
// services/exports (EXPORTS.md is the format); this file reads the files and writes the results.
#include "admin/command.hpp"
#include "admin/output_file.hpp"

#include "content/content_folder.hpp"
#include "crypto/keys.hpp"
#include "services/ballot_count.hpp"
#include "services/exports.hpp"
#include "services/feedback_report.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace linli::admin {

namespace fs = std::filesystem;

namespace {

Result<std::string> read_export(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::rejected("collect: " + path + ": cannot read (" + std::strerror(errno) + ")");
    // One byte past the limit, so parse_export can say "too large" rather than "truncated".
    std::string bytes(services::k_max_export_bytes + 1, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<size_t>(in.gcount()));
    return bytes;
}

// A folder stands for the exports in it (a stick's linli/exports/, a serve inbox).
Result<std::vector<std::string>> export_paths(const std::vector<std::string>& args)
{
    std::vector<std::string> paths;
    for (const std::string& arg : args) {
        std::error_code ec;
        if (fs::is_directory(arg, ec)) {
            std::vector<std::string> found;
            for (const auto& entry : fs::directory_iterator(arg, ec)) {
                const std::string name = entry.path().filename().string();
                if (!name.starts_with(".") && name.ends_with(services::k_export_suffix) && entry.is_regular_file(ec))
                    found.push_back(entry.path().string());
            }
            if (ec) return Error::rejected("collect: " + arg + ": cannot list the folder (" + ec.message() + ")");
            if (found.empty()) return Error::rejected("collect: " + arg + ": no *.linli-export files in this folder");
            std::sort(found.begin(), found.end());
            paths.insert(paths.end(), found.begin(), found.end());
        } else if (fs::exists(arg, ec)) {
            paths.push_back(arg);
        } else {
            return Error::rejected("collect: " + arg + ": no such export file or folder");
        }
    }
    return paths;
}

}  // namespace

Result<services::Collection> open_inbox(const std::string& inbox, const std::string& key_dir)
{
    const crypto::PublicKey seal_pub = TRY(crypto::read_public_key_file(key_dir + "/seal.pub", crypto::KeyKind::SealPublic));
    const crypto::SecretKey seal_key = TRY(crypto::read_secret_key_file(key_dir + "/seal.key", crypto::KeyKind::SealSecret));
    std::vector<services::ExportInput> exports;
    std::error_code ec;
    if (fs::is_directory(inbox, ec) && !fs::is_empty(inbox, ec))
        for (const std::string& path : TRY(export_paths({inbox}))) exports.push_back({path, TRY(read_export(path))});
    return services::collect_exports(exports, seal_pub, seal_key, {});
}

namespace {

// Replaces DIR/name whole: the report and the opened feedback are readable by the owner only.
Status write_output(const std::string& dir, const std::string& name, const std::string& text)
{
    return replace_file(dir + "/" + name, text, 0600, "collect");
}

}  // namespace

Status run_collect(Args args)
{
    if (wants_help(args)) {
        std::fputs("usage: linli-admin collect EXPORT... --key KEYDIR --out DIR [--content CONTENT_DIR] [--accept-key HEX]...\n\n"
                   "Verifies kiosks' residents' data exports (*.linli-export files, or folders holding them):\n"
                   "each file's signature by its kiosk's device key, and per kiosk the numbered chain (a\n"
                   "missing, replayed or replaced export is reported). Opens the sealed records with\n"
                   "KEYDIR/seal.key and writes into DIR (readable by you only):\n"
                   "  report.txt    exports, counts, each kiosk's chain; messages per topic, item, rating\n"
                   "  feedback.csv  one row per message (收到日期,信息屏,主题,评价,关于,内容,回执码), UTF-8\n"
                   "                with BOM for Excel and WPS; reply by receipt code in feedback/replies.toml\n"
                   "  feedback.txt  the same messages as plain text\n"
                   "With --content CONTENT_DIR (the folder the ballots and codes were made from), ballots are\n"
                   "counted under their rules; each ballot's used codes are checked against the codes issued\n"
                   "for its kiosk, and ballots against used codes per kiosk:\n"
                   "  results/ID.toml  the result, the turnout per kiosk and every counted ballot's tracker:\n"
                   "                   copy it into CONTENT_DIR/results/ for the next bundle\n"
                   "  ballots/ID.csv   every ballot's choices in random order, for a count by hand\n"
                   "Messages keep the kiosks' shuffled order. An export given twice counts once.\n"
                   "Exit 2 if any file fails to verify\n"
                   "(nothing written), or if the report lists problems.\n\n"
                   "A kiosk restored from a backup onto a new SD card (linli-kiosk --restore) goes on with a\n"
                   "new device key: its first export under it still names the hash of the last one before.\n"
                   "collect reports that as a problem, naming the new key; check it against the key on the\n"
                   "kiosk's admin panel (设备密钥), then run again with\n"
                   "  --accept-key HEX   accept this new device key for a chain that links to it: the first\n"
                   "                     16 or more hex digits of the key, spaces ignored (\"3f2a 9c01 77b0 e4d2\"\n"
                   "                     as the admin panel shows it); repeat for several kiosks\n"
                   "A new key whose first export does not link to the one before is never accepted.\n",
                   stdout);
        return {};
    }
    std::vector<std::string> inputs, accept_keys;
    std::string key_dir, out, content_dir;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--key" && i + 1 < args.size()) key_dir = args[++i];
        else if (args[i] == "--accept-key" && i + 1 < args.size()) accept_keys.emplace_back(args[++i]);
        else if (args[i] == "--out" && i + 1 < args.size()) out = args[++i];
        else if (args[i] == "--content" && i + 1 < args.size()) content_dir = args[++i];
        else if (!args[i].starts_with("--")) inputs.emplace_back(args[i]);
        else return Error::rejected("collect: unexpected argument \"" + std::string(args[i]) +
                                    "\" (usage: linli-admin collect EXPORT... --key KEYDIR --out DIR [--content CONTENT_DIR] [--accept-key HEX]...)");
    }
    if (inputs.empty() || key_dir.empty() || out.empty())
        return Error::rejected("collect: EXPORT..., --key KEYDIR and --out DIR are required");
    if (!fs::is_directory(key_dir)) return Error::rejected("collect: " + key_dir + ": no such key folder");
    const crypto::PublicKey seal_pub = TRY(crypto::read_public_key_file(key_dir + "/seal.pub", crypto::KeyKind::SealPublic));
    const crypto::SecretKey seal_key = TRY(crypto::read_secret_key_file(key_dir + "/seal.key", crypto::KeyKind::SealSecret));

    std::vector<services::ExportInput> exports;
    const std::vector<std::string> paths = TRY(export_paths(inputs));
    // A season of exports from many kiosks takes a while to read off a stick: a progress bar on
    // a terminal (not in logs or pipes).
    const bool show_progress = ::isatty(STDERR_FILENO) && paths.size() >= 20;
    for (size_t i = 0; i < paths.size(); ++i) {
        exports.push_back({paths[i], TRY(read_export(paths[i]))});
        if (show_progress) {
            const int filled = int(30 * (i + 1) / paths.size());
            std::fprintf(stderr, "\rcollect: reading [%s%s] %zu/%zu", std::string(size_t(filled), '#').c_str(),
                         std::string(size_t(30 - filled), ' ').c_str(), i + 1, paths.size());
        }
    }
    if (show_progress) std::fprintf(stderr, "\rcollect: opening %zu exports...%40s\r", paths.size(), "");
    const services::Collection collection = TRY(services::collect_exports(exports, seal_pub, seal_key, accept_keys));
    if (show_progress) std::fprintf(stderr, "%70s\r", "");

    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec || !fs::is_directory(out)) return Error::rejected("collect: " + out + ": cannot create the folder");
    ::chmod(out.c_str(), 0700);  // opened feedback is residents' words: not for other users
    const std::vector<services::FeedbackRow> rows = services::feedback_rows(collection);
    // Ballots are counted against the content folder: their options and rules are there, and
    // the codes that were issued.
    std::optional<content::ContentLoad> content;
    if (!content_dir.empty()) {
        content = TRY(content::load_content_folder(content_dir, message_language()));
        if (!content->problems.empty())
            return Error::rejected("collect: --content " + content_dir + " has problems; run linli-admin check on it first");
    }
    const services::BallotCollection ballots = services::count_collected_ballots(collection, content ? &content->content : nullptr);
    TRY_STATUS(write_output(out, "report.txt", services::collection_report(collection) + "\n" + services::feedback_summary(rows) +
                                                   "\n" + services::ballots_report(ballots)));
    for (const services::BallotTally& t : ballots.ballots) {
        if (!t.definition) continue;
        for (const char* sub : {"results", "ballots"}) fs::create_directories(fs::path(out) / sub, ec);
        TRY_STATUS(write_output(out + "/results", t.ballot + ".toml", services::results_toml(t)));
        TRY_STATUS(write_output(out + "/ballots", t.ballot + ".csv", services::recount_csv(t)));
    }
    TRY_STATUS(write_output(out, "feedback.txt", services::collection_feedback(collection)));
    TRY_STATUS(write_output(out, "feedback.csv", services::feedback_csv(rows)));

    size_t feedback = 0;
    for (const auto& r : collection.records) feedback += r.record.kind == "feedback" && r.opened;
    size_t export_count = 0;
    for (const auto& k : collection.kiosks) export_count += k.exports.size();
    std::printf("collect: %s: %zu exports from %zu kiosk%s, %zu records (%zu feedback); wrote %s/report.txt, "
                "feedback.csv and feedback.txt\n",
                collection.ok() ? "ok" : "PROBLEMS FOUND", export_count, collection.kiosks.size(),
                collection.kiosks.size() == 1 ? "" : "s", collection.records.size(), feedback, out.c_str());
    for (const auto& k : collection.kiosks) {
        for (const auto& change : k.key_changes)
            std::printf("collect: %s: device key changed from export %lld on (accepted): %s\n", k.kiosk.c_str(),
                        static_cast<long long>(change.from_seq), crypto::to_hex(change.new_key).c_str());
        for (const std::string& p : k.problems) std::printf("collect: %s: problem: %s\n", k.kiosk.c_str(), p.c_str());
        // (A cloned card's chains name their device key in their problem.)
        for (const std::string& n : k.notes) std::printf("collect: %s: note: %s\n", k.kiosk.c_str(), n.c_str());
    }
    for (const services::BallotTally& t : ballots.ballots) {
        if (t.definition)
            std::printf("collect: ballot %s: %lld counted; %s; wrote %s/results/%s.toml and %s/ballots/%s.csv\n", t.ballot.c_str(),
                        static_cast<long long>(t.count.cast), outcome_in_words(*t.definition, t.count, Language::English).c_str(),
                        out.c_str(), t.ballot.c_str(), out.c_str(), t.ballot.c_str());
        else
            std::printf("collect: ballot %s: %zu ballots, not counted (give --content CONTENT_DIR)\n", t.ballot.c_str(), t.trackers.size());
        for (const std::string& p : t.problems) std::printf("collect: ballot %s: problem: %s\n", t.ballot.c_str(), p.c_str());
    }
    for (const std::string& p : ballots.problems) std::printf("collect: problem: %s\n", p.c_str());
    if (collection.unopened)
        std::printf("collect: %lld records did not open with %s/seal.key\n", static_cast<long long>(collection.unopened),
                    key_dir.c_str());
    if (!collection.ok() || !ballots.ok())
        return Error::rejected("collect: the exports have problems (listed above and in " + out + "/report.txt)");
    return {};
}

}  // namespace linli::admin
