// codes/<ballot-id>/<kiosk-id>.toml. Checked strictly: a kiosk that misreads a batch would refuse
// the codes residents hold. That the ballot is unchanged since the codes were issued (the
// fingerprint) needs a hash, which is the bundle layer's part (bundle/ballot_codes_check.hpp).
#include "content/ballot_codes.hpp"

#include "content/encoding.hpp"
#include "content/loaders.hpp"
#include "content/toml_fields.hpp"
#include "core/hex.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

namespace linli::content {

namespace {

constexpr int64_t k_max_codes_file_bytes = 8 * 1024 * 1024;  // 100,000 codes in hex and a margin

// One [[batch]]; false when it cannot be used.
bool read_batch(TomlFields& b, CodeBatch& batch)
{
    constexpr std::string_view k_batch_keys[] = {"salt", "ops", "mem_kib", "count", "hashes"};
    b.check_keys(k_batch_keys);
    bool ok = true;
    if (auto salt = b.text("salt", true)) {
        if (auto bytes = unhex(*salt, k_code_salt_bytes, k_code_salt_bytes)) batch.salt = *bytes;
        else {
            b.problem(b.line("salt"), "salt 应为 32 位十六进制数字", "salt must be 32 hex digits");
            ok = false;
        }
    } else ok = false;
    auto ops = b.integer("ops", true), mem = b.integer("mem_kib", true), count = b.integer("count", true);
    if (ops && (*ops < 1 || *ops > 10)) {
        b.problem(b.line("ops"), "ops 应在 1 到 10 之间", "ops must be from 1 to 10");
        ok = false;
    }
    if (mem && (*mem < 8 || *mem > 1024 * 1024)) {
        b.problem(b.line("mem_kib"), "mem_kib 应在 8 到 1048576 之间", "mem_kib must be from 8 to 1048576");
        ok = false;
    }
    if (count && (*count < 1 || *count > int64_t(k_max_codes_per_file))) {
        b.problem(b.line("count"), "count 应在 1 到 " + std::to_string(k_max_codes_per_file) + " 之间",
                  "count must be from 1 to " + std::to_string(k_max_codes_per_file));
        ok = false;
    }
    if (!ops || !mem || !count) return false;
    batch.ops = int(*ops);
    batch.mem_kib = int(*mem);
    if (auto hashes = b.text("hashes", true)) {
        const size_t want = size_t(*count) * k_code_hash_bytes;
        // Sorted as they are read: kiosks look codes up by binary search (code_hash_listed).
        if (auto bytes = ok ? unhex(*hashes, want, want) : std::nullopt) batch.hashes = sorted_code_hashes(*bytes);
        else if (ok) {
            b.problem(b.line("hashes"),
                      "hashes 应为 " + std::to_string(want * 2) + " 位十六进制数字（" + std::to_string(*count) + " 个投票码，各 16 字节）",
                      "hashes must be " + std::to_string(want * 2) + " hex digits (" + std::to_string(*count) +
                          " × 16 bytes)");
            ok = false;
        }
    } else ok = false;
    return ok;
}

}  // namespace

std::string ballot_codes_path(std::string_view ballot, std::string_view kiosk)
{
    return std::string(k_codes_dir) + "/" + std::string(ballot) + "/" + std::string(kiosk) + ".toml";
}

bool is_kiosk_id(std::string_view id)
{
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
}

void parse_ballot_codes_text(Diagnostics& d, const std::string& rel, std::string_view bytes, ContentSet& content)
{
    const std::filesystem::path path(rel);
    const std::string ballot_id = path.parent_path().filename().string();
    const std::string kiosk_id = path.stem().string();
    std::optional<toml::table> table = parse_toml_file(d, rel, bytes);
    if (!table) return;
    TomlFields f(d, rel, *table, 0, 1);
    constexpr std::string_view k_keys[] = {"ballot", "kiosk", "fingerprint", "batch"};
    f.check_keys(k_keys);
    BallotCodes codes;
    codes.file = rel;
    codes.ballot = f.text("ballot", true).value_or("");
    codes.kiosk = f.text("kiosk", true).value_or("");
    if (f.has("ballot") && codes.ballot != ballot_id)
        f.problem(f.line("ballot"), "ballot 应为 " + shown_value(ballot_id) + "（与所在文件夹同名）",
                  "ballot must be " + shown_value(ballot_id) + " (the folder's name)");
    if (f.has("kiosk") && codes.kiosk != kiosk_id)
        f.problem(f.line("kiosk"), "kiosk 应为 " + shown_value(kiosk_id) + "（与文件名相同）",
                  "kiosk must be " + shown_value(kiosk_id) + " (the file's name)");
    if (!is_kiosk_id(kiosk_id))
        f.problem(1, "文件名不是有效的终端编号（1 到 64 个 A-Z a-z 0-9 . _ -）",
                  "the file name is not a valid kiosk id (1 to 64 of A-Z a-z 0-9 . _ -)");
    const auto ballot = std::find_if(content.ballots.begin(), content.ballots.end(),
                                     [&](const BallotDefinition& b) { return b.id == ballot_id; });
    const bool ballot_takes_codes = ballot != content.ballots.end() && ballot->codes_required;
    if (ballot == content.ballots.end())
        f.problem(1, "没有编号为 " + shown_value(ballot_id) + " 的投票（ballots/" + ballot_id + ".toml）",
                  "there is no ballot " + shown_value(ballot_id) + " (ballots/" + ballot_id + ".toml)");
    else if (!ballot->codes_required)
        f.problem(1, "投票 " + shown_value(ballot_id) + " 不用投票码（codes = \"none\"），不应有此文件",
                  "ballot " + shown_value(ballot_id) + " takes no codes (codes = \"none\"): this file does not belong");
    codes.fingerprint = f.text("fingerprint", true).value_or("");
    codes.fingerprint_line = f.line("fingerprint");
    if (f.has("fingerprint") && !unhex(codes.fingerprint, 32, 32))
        f.problem(f.line("fingerprint"), "fingerprint 应为 64 位十六进制数字", "fingerprint must be 64 hex digits");
    std::set<std::string> salts, hashes;
    size_t total = 0;
    bool all_read = true;
    for (const toml::table* t : f.table_list("batch", true)) {
        TomlFields b(d, rel, *t, 0, f.line_of(*t));
        CodeBatch batch;
        if (!read_batch(b, batch)) {
            all_read = false;
            continue;
        }
        if (!salts.insert(batch.salt).second)
            b.problem(b.line("salt"), "两批投票码用了同一个 salt", "two batches have the same salt");
        size_t repeated = 0;
        for (size_t i = 0; i < batch.count(); ++i)
            if (!hashes.insert(batch.hashes.substr(i * k_code_hash_bytes, k_code_hash_bytes)).second) ++repeated;
        if (repeated)
            b.problem(b.line("hashes"), std::to_string(repeated) + " 个散列在本文件中重复出现（同一批码被复制了两次？）",
                      std::to_string(repeated) + " hashes appear twice in this file (a batch copied twice?)");
        total += batch.count();
        codes.batches.push_back(std::move(batch));
    }
    if (total > k_max_codes_per_file)
        f.problem(1, "一个终端的一次投票最多 " + std::to_string(k_max_codes_per_file) + " 个投票码",
                  "at most " + std::to_string(k_max_codes_per_file) + " codes per ballot and kiosk");
    if (all_read && ballot_takes_codes && !codes.batches.empty()) content.ballot_codes.push_back(std::move(codes));
}

std::string ballot_codes_text(const BallotCodes& codes)
{
    toml::table root;
    root.insert("ballot", codes.ballot);
    root.insert("kiosk", codes.kiosk);
    root.insert("fingerprint", codes.fingerprint);
    toml::array batches;
    for (const CodeBatch& b : codes.batches)
        batches.push_back(toml::table{{"salt", hex(b.salt)},
                                      {"ops", b.ops},
                                      {"mem_kib", b.mem_kib},
                                      {"count", int64_t(b.count())},
                                      {"hashes", hex(b.hashes)}});
    root.insert("batch", std::move(batches));
    std::ostringstream out;
    out << "# Voting codes for ballot " << codes.ballot << " at kiosk " << codes.kiosk
        << ", written by linli-admin codes.\n"
           "# Only the codes' Argon2id hashes are here; the codes exist only on the printed slips.\n"
           "# Do not edit: a changed ballot (its options, kind or rules) no longer matches the fingerprint.\n"
        << root << "\n";
    return out.str();
}

void load_ballot_codes(ContentFolder& folder, ContentSet& content)
{
    for (const std::string& rel : folder.list_tree(std::string(k_codes_dir))) {
        const std::filesystem::path path(rel);
        if (std::distance(path.begin(), path.end()) != 3 || path.extension() != ".toml") {
            folder.diagnostics().add(rel, 0, "codes/ 下只放 codes/<投票编号>/<终端编号>.toml（由 linli-admin codes 生成）",
                                     "only codes/<ballot id>/<kiosk id>.toml belongs in codes/ (linli-admin codes writes them)");
            continue;
        }
        if (std::optional<std::string> bytes = folder.read(rel, k_max_codes_file_bytes))
            parse_ballot_codes_text(folder.diagnostics(), rel, *bytes, content);
    }
}

}  // namespace linli::content
