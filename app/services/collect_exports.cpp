// Collecting residents' data exports at the office (exports.hpp, EXPORTS.md): every file verified,
// each kiosk's chain checked (gaps, forks, replays, a restore's new device key, a cloned card's
// second key), the records opened, and the reports linli-admin collect writes.
#include "services/exports.hpp"

#include "services/signed_text.hpp"

#include "crypto/seal.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>

namespace linli::services {

bool Collection::ok() const
{
    return unopened == 0 && std::all_of(kiosks.begin(), kiosks.end(), [](const KioskChain& k) { return k.problems.empty(); });
}

namespace {

// The device keys --accept-key names: each must be the prefix of exactly one key that signed an input.
Result<std::set<crypto::PublicKey>> accepted_keys(const std::vector<std::string>& accept_keys,
                                                  const std::set<crypto::PublicKey>& signers)
{
    std::set<crypto::PublicKey> accepted;
    for (std::string prefix : accept_keys) {
        // As the admin panel and collect's own message show it: "3F2A 9C01 77B0 E4D2" is fine too.
        std::erase_if(prefix, [](unsigned char c) { return std::isspace(c); });
        std::transform(prefix.begin(), prefix.end(), prefix.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (prefix.size() < k_min_accept_key_digits || prefix.size() > 64 || !is_lower_hex(prefix, prefix.size()))
            return Error::rejected("collect: --accept-key " + prefix + ": give " + std::to_string(k_min_accept_key_digits) +
                                   " to 64 hex digits of the new device key");
        std::vector<crypto::PublicKey> matches;
        for (const crypto::PublicKey& key : signers)
            if (crypto::to_hex(key).starts_with(prefix)) matches.push_back(key);
        if (matches.empty())
            return Error::rejected("collect: --accept-key " + prefix + ": no export given is signed by such a key");
        if (matches.size() > 1)
            return Error::rejected("collect: --accept-key " + prefix + ": the start of " + std::to_string(matches.size()) +
                                   " device keys; give more digits");
        accepted.insert(matches.front());
    }
    return accepted;
}

std::string seq_text(int64_t seq)
{
    char digits[32];
    std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(seq));
    return digits;
}

}  // namespace

Result<Collection> collect_exports(const std::vector<ExportInput>& inputs, const crypto::PublicKey& seal_pub,
                                   const crypto::SecretKey& seal_secret, const std::vector<std::string>& accept_keys)
{
    struct Verified {
        const ExportInput* input;
        ExportFile file;
        std::string hash;
    };
    std::vector<Verified> verified;
    std::string failures;
    size_t failed = 0;
    for (const ExportInput& input : inputs) {
        auto file = parse_export(input.bytes, input.source);
        if (!file) {
            failures += (failed++ ? "\n" : "") + file.error().message;
            continue;
        }
        verified.push_back({&input, std::move(file).value(), crypto::to_hex(crypto::sha256(input.bytes))});
    }
    if (failed)
        return Error::rejected(failures + "\ncollect: " + std::to_string(failed) + " of " + std::to_string(inputs.size()) +
                               " export files failed verification; nothing was written");

    std::set<crypto::PublicKey> signers;
    for (const Verified& v : verified) signers.insert(v.file.device_key);
    const std::set<crypto::PublicKey> accepted = TRY(accepted_keys(accept_keys, signers));

    std::map<std::string, std::vector<const Verified*>> by_kiosk;
    for (const Verified& v : verified) by_kiosk[v.file.kiosk].push_back(&v);
    // A cloned card: one kiosk id, exports signed by device keys that do not follow one another
    // (a restored kiosk's new key goes on from the old key's last export; a clone's starts its
    // own chain). Each clone's exports form a chain of their own, counted apart and reported.
    std::vector<std::pair<std::string, std::vector<const Verified*>>> lines;
    for (auto& [kiosk, given] : by_kiosk) {
        std::vector<const Verified*> by_seq = given;
        std::stable_sort(by_seq.begin(), by_seq.end(), [](auto* a, auto* b) { return a->file.seq < b->file.seq; });
        std::map<crypto::PublicKey, size_t> line_of_key;  // index into this kiosk's lines
        std::vector<std::vector<const Verified*>> own;
        for (const Verified* v : by_seq) {
            auto known = line_of_key.find(v->file.device_key);
            if (known == line_of_key.end()) {
                // A key's first export: does it go on from an export under another key?
                size_t line = own.size();
                for (size_t l = 0; l < own.size(); ++l)
                    for (const Verified* before : own[l])
                        if (before->file.seq + 1 == v->file.seq && before->hash == v->file.previous_hex) line = l;
                if (line == own.size()) own.emplace_back();
                known = line_of_key.emplace(v->file.device_key, line).first;
            }
            own[known->second].push_back(v);
        }
        // Each line in the order given, so "out of order" still means what the caller did.
        for (auto& line : own) {
            std::vector<const Verified*> in_given_order;
            for (const Verified* v : given)
                if (std::find(line.begin(), line.end(), v) != line.end()) in_given_order.push_back(v);
            lines.emplace_back(kiosk, std::move(in_given_order));
        }
    }
    std::map<std::string, size_t> lines_per_kiosk;
    for (const auto& [kiosk, given] : lines) ++lines_per_kiosk[kiosk];
    Collection collection;
    std::map<store::RecordId, std::string> seen_records;  // where each record was first found
    for (auto& [kiosk, given] : lines) {
        KioskChain chain;
        chain.kiosk = kiosk;
        if (lines_per_kiosk[kiosk] > 1) {
            chain.device = key_fingerprint(given.front()->file.device_key);
            chain.problems.push_back("two or more device keys export as kiosk " + kiosk +
                                     " without one following the other: a cloned SD card (or two kiosks given the same "
                                     "id). The exports signed by device key " + chain.device +
                                     " are checked and counted apart; find the second machine before trusting the count");
        }
        std::vector<const Verified*> sorted = given;
        std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->file.seq < b->file.seq; });
        if (sorted != given) chain.notes.push_back("the files were given out of order; they are checked by seq number");
        chain.device_key = sorted.front()->file.device_key;
        crypto::PublicKey current_key = chain.device_key;  // the key the chain is under by now
        for (const Verified* v : sorted) {
            const ExportFile& f = v->file;
            const std::string here = "export " + std::to_string(f.seq) + " (" + v->input->source + ")";
            if (f.device_key != current_key) {
                // A kiosk restored from a backup goes on with a new key, and its first export under it
                // names the hash of the last one under the old key. Anyone can do the latter, so the
                // administrator has to vouch for the new key; without the link it is never accepted.
                const bool links = !chain.exports.empty() && f.seq == chain.exports.back().seq + 1 &&
                                   f.previous_hex == chain.hashes.back();
                if (links && accepted.contains(f.device_key)) {
                    chain.key_changes.push_back({f.seq, current_key, f.device_key});
                    current_key = f.device_key;
                } else if (links) {
                    chain.problems.push_back(
                        "exports from " + seq_text(f.seq) + " on are signed by a new device key " + key_fingerprint(f.device_key) +
                        " (was " + key_fingerprint(current_key) +
                        "): the kiosk was restored onto a new SD card, or someone else signed them. Check the key on the "
                        "kiosk's admin panel and run again with --accept-key " + crypto::to_hex(f.device_key).substr(0, 16));
                    current_key = f.device_key;  // said once, not for every export after it
                } else {
                    chain.problems.push_back(here + " is signed by another device key than export " +
                                             std::to_string(chain.exports.empty() ? sorted.front()->file.seq
                                                                                  : chain.exports.back().seq) +
                                             ": another machine using this kiosk id, or a reinstalled kiosk");
                }
            }
            if (!chain.exports.empty() && chain.exports.back().seq == f.seq) {
                if (chain.hashes.back() == v->hash)
                    chain.notes.push_back(here + " is the same file as " + chain.sources.back() + "; counted once");
                else
                    chain.problems.push_back("two different exports numbered " + std::to_string(f.seq) + ": " +
                                             chain.sources.back() + " and " + v->input->source +
                                             " (one is a replayed or forged export)");
                continue;
            }
            if (chain.exports.empty()) {
                if (f.seq > 1)
                    chain.notes.push_back("starts at export " + std::to_string(f.seq) + ": exports 1 to " +
                                          std::to_string(f.seq - 1) + " were not given (collected before?)");
            } else {
                const int64_t expected = chain.exports.back().seq + 1;
                if (f.seq != expected)
                    chain.problems.push_back("export" + std::string(f.seq - expected > 1 ? "s " : " ") +
                                             std::to_string(expected) +
                                             (f.seq - expected > 1 ? " to " + std::to_string(f.seq - 1) : "") +
                                             " missing (dropped?) before " + here);
                else if (f.previous_hex != chain.hashes.back())
                    chain.problems.push_back(here + " does not follow export " + std::to_string(expected - 1) + " (" +
                                             chain.sources.back() +
                                             "): its \"previous\" names another file (a replaced or replayed export)");
            }
            chain.exports.push_back(f);
            chain.sources.push_back(v->input->source);
            chain.hashes.push_back(v->hash);
            for (const ExportRecord& r : f.records) {
                auto [at, inserted] = seen_records.emplace(r.id, here);
                if (!inserted) {
                    chain.problems.push_back("record " + crypto::to_hex(r.id) + " is in " + at->second + " and in " +
                                             here + " (replayed); counted once");
                    continue;
                }
                CollectedRecord collected{kiosk, f.seq, r, false, {}, chain.device};
                if (auto text = crypto::open_sealed(r.sealed, seal_pub, seal_secret)) {
                    collected.opened = true;
                    collected.plaintext = std::move(text).value();
                } else {
                    ++collection.unopened;
                }
                // Kept only while needed: a ballot's bytes give its tracker (ballot_count.cpp).
                if (collected.record.kind != "ballot") collected.record.sealed.clear();
                collection.records.push_back(std::move(collected));
            }
        }
        collection.kiosks.push_back(std::move(chain));
    }
    return collection;
}

namespace {

// "12 (ballot 5, feedback 7)"
std::string kind_counts(const std::map<std::string, int64_t>& counts)
{
    int64_t total = 0;
    std::string parts;
    for (const auto& [kind, n] : counts) {
        total += n;
        parts += (parts.empty() ? "" : ", ") + kind + " " + std::to_string(n);
    }
    return std::to_string(total) + (parts.empty() ? "" : " (" + parts + ")");
}

}  // namespace

std::string collection_report(const Collection& c)
{
    std::map<std::string, int64_t> all;
    for (const CollectedRecord& r : c.records) ++all[r.record.kind];
    size_t exports = 0;
    for (const KioskChain& k : c.kiosks) exports += k.exports.size();
    std::string out = "Linli residents' data: collect report\n\n";
    out += "status: " + std::string(c.ok() ? "ok" : "PROBLEMS FOUND (see below)") + "\n";
    out += "kiosks: " + std::to_string(c.kiosks.size()) + ", exports: " + std::to_string(exports) +
           ", records: " + kind_counts(all) + "\n";
    if (c.unopened)
        out += "records that did not open with this seal.key: " + std::to_string(c.unopened) +
               " (sealed to another key, or damaged)\n";
    for (const KioskChain& k : c.kiosks) {
        std::map<std::string, int64_t> kinds;
        int64_t unopened = 0;
        for (const CollectedRecord& r : c.records)
            if (r.kiosk == k.kiosk && r.device == k.device) {
                ++kinds[r.record.kind];
                unopened += r.opened ? 0 : 1;
            }
        out += "\nkiosk " + k.kiosk + (k.device.empty() ? "" : " (one of two machines under this id)") + "\n";
        out += "  device key: " + crypto::to_hex(k.device_key) + "\n";
        for (const KeyChange& change : k.key_changes)
            out += "  device key changed: exports from " + seq_text(change.from_seq) + " on are signed by " +
                   crypto::to_hex(change.new_key) + " (was " + key_fingerprint(change.old_key) +
                   "), accepted with --accept-key: the kiosk was restored from a backup onto a new SD card\n";
        out += "  exports: " + std::to_string(k.exports.size()) + " (seq " + std::to_string(k.exports.front().seq) +
               " to " + std::to_string(k.exports.back().seq) + ")\n";
        for (size_t i = 0; i < k.exports.size(); ++i) {
            const ExportFile& e = k.exports[i];
            out += "    " + std::to_string(e.seq) + "  " + e.day + "  content " + std::to_string(e.content_version) +
                   "  records " + std::to_string(e.records.size()) + "  " + k.sources[i] + "  sha256 " + k.hashes[i] + "\n";
        }
        out += "  records: " + kind_counts(kinds) + (unopened ? ", not opened: " + std::to_string(unopened) : "") + "\n";
        out += "  chain: " + std::string(k.problems.empty() ? "ok" : "BROKEN") + "\n";
        for (const std::string& p : k.problems) out += "    problem: " + p + "\n";
        for (const std::string& n : k.notes) out += "    note: " + n + "\n";
    }
    return out;
}

namespace {

// A message as the administrators read it: the fields of a 意见箱 payload (feedback_box.cpp), or
// the text itself for a record sealed as plain text.
std::string readable_feedback(const std::string& plaintext)
{
    toml::table payload;
    try {
        payload = toml::parse(plaintext);
    } catch (const toml::parse_error&) {
        return plaintext;
    }
    if (payload["format"].value<int64_t>() != 1 || !payload["text"].is_string()) return plaintext;
    static const char* k_ratings[] = {"", "很不满意", "不满意", "满意", "很满意"};
    const int64_t rating = payload["rating"].value_or<int64_t>(0);
    std::string out = "主题: " + payload["topic"].value_or<std::string>("") + "\n";
    if (rating >= 1 && rating <= 4) out += std::string("评价: ") + k_ratings[rating] + "\n";
    if (auto about = payload["about_title"].value<std::string>(); about && !about->empty()) out += "关于: " + *about + "\n";
    out += "回执码: " + payload["receipt"].value_or<std::string>("") + "\n";
    out += payload["text"].value_or<std::string>("");
    return out;
}

}  // namespace

std::string collection_feedback(const Collection& c)
{
    std::string out = "# Linli residents' feedback, opened by linli-admin collect. In the order the kiosks exported\n"
                      "# it, which they shuffle: nothing here tells who wrote what, or when within the day.\n";
    for (const CollectedRecord& r : c.records) {
        if (r.record.kind != "feedback" || !r.opened) continue;
        const std::string text = readable_feedback(r.plaintext);
        out += "\n--- " + r.kiosk + ", export " + std::to_string(r.seq) + ", " + r.record.day + "\n" + text;
        if (text.empty() || text.back() != '\n') out += "\n";
    }
    return out;
}

}  // namespace linli::services
