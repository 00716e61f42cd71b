#include "services/ballot_count.hpp"

#include "core/hex.hpp"
#include "crypto/codes.hpp"
#include "crypto/seal.hpp"
#include "services/feedback_report.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

namespace linli::services {

namespace {

struct Opened {
    std::string ballot, kiosk, fingerprint, hash;
    CastBallot choices;
};

// A ballot or used-code payload (EXPORTS.md); nothing when it is not one.
std::optional<Opened> open_payload(const std::string& plaintext, const std::string& kind)
{
    toml::table t;
    try {
        t = toml::parse(plaintext);
    } catch (const toml::parse_error&) {
        return std::nullopt;
    }
    if (t["format"].value_or<int64_t>(0) != 1 || t["kind"].value_or<std::string>("") != kind) return std::nullopt;
    Opened o;
    o.ballot = t["ballot"].value_or<std::string>("");
    o.kiosk = t["kiosk"].value_or<std::string>("");
    if (o.ballot.empty() || o.kiosk.empty()) return std::nullopt;
    if (kind == "used-code") {
        auto hash = unhex(t["hash"].value_or<std::string>(""), k_code_hash_bytes, k_code_hash_bytes);
        if (!hash) return std::nullopt;
        o.hash = *hash;
        return o;
    }
    o.fingerprint = t["fingerprint"].value_or<std::string>("");
    const toml::array* answers = t["answers"].as_array();
    if (!answers) return std::nullopt;
    for (const toml::node& a : *answers) {
        const toml::array* chosen = a.as_array();
        if (!chosen) return std::nullopt;
        auto& out = o.choices.answers.emplace_back();
        for (const toml::node& c : *chosen) {
            auto v = c.value<int64_t>();
            if (!v || *v < 0 || *v > 1000) return std::nullopt;
            out.push_back(int(*v));
        }
    }
    return o;
}

std::string quoted(const std::string& text)
{
    std::ostringstream out;
    out << toml::value<std::string>(text);
    return out.str();
}

}  // namespace

bool BallotCollection::ok() const
{
    if (!problems.empty()) return false;
    for (const auto& b : ballots)
        if (!b.problems.empty()) return false;
    return true;
}

BallotCollection count_collected_ballots(const Collection& collection, const ContentSet* content)
{
    BallotCollection out;
    std::map<std::string, BallotTally> by_id;
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> used_by_ballot;  // kiosk, hash
    for (const CollectedRecord& r : collection.records) {
        const std::string& kind = r.record.kind;
        if ((kind != "ballot" && kind != "used-code") || !r.opened) continue;
        auto opened = open_payload(r.plaintext, kind);
        if (!opened) {
            out.problems.push_back(r.kiosk + " export " + std::to_string(r.seq) + ": a " + kind + " record that cannot be read");
            continue;
        }
        if (opened->kiosk != r.kiosk)
            out.problems.push_back(r.kiosk + " export " + std::to_string(r.seq) + ": a " + kind + " record of kiosk " +
                                   opened->kiosk + " (copied from another kiosk?)");
        BallotTally& tally = by_id[opened->ballot];
        tally.ballot = opened->ballot;
        if (kind == "used-code") {
            ++tally.used_codes_by_kiosk[r.source()];
            used_by_ballot[opened->ballot].push_back({r.kiosk, opened->hash});
            continue;
        }
        ++tally.ballots_by_kiosk[r.source()];
        tally.trackers.push_back(crypto::ballot_tracker(r.record.sealed));
        if (content) {
            auto def = std::find_if(content->ballots.begin(), content->ballots.end(),
                                    [&](const BallotDefinition& b) { return b.id == opened->ballot; });
            if (def == content->ballots.end()) {
                tally.problems.push_back("no ballots/" + opened->ballot + ".toml in the content folder");
                continue;
            }
            if (opened->fingerprint != crypto::ballot_fingerprint(*def)) {
                tally.problems.push_back("a ballot from " + r.kiosk + " was cast on a different version of ballots/" +
                                         opened->ballot + ".toml (options, kind or rules changed): not counted");
                continue;
            }
            if (const std::string problem = ballot_problem(*def, opened->choices); !problem.empty()) {
                tally.problems.push_back("a ballot from " + r.kiosk + " " + problem + ": not counted");
                continue;
            }
        }
        tally.cast.push_back(std::move(opened->choices));
    }
    for (auto& [id, tally] : by_id) {
        std::sort(tally.trackers.begin(), tally.trackers.end());
        std::set<std::string> kiosks;
        for (const auto& [k, n] : tally.ballots_by_kiosk) kiosks.insert(k);
        for (const auto& [k, n] : tally.used_codes_by_kiosk) kiosks.insert(k);
        const BallotDefinition* def = nullptr;
        if (content)
            for (const auto& b : content->ballots)
                if (b.id == id) def = &b;
        for (const std::string& k : kiosks) {
            const int64_t ballots = tally.ballots_by_kiosk[k], used = tally.used_codes_by_kiosk[k];
            if (def && def->codes_required && ballots != used)
                tally.problems.push_back(k + ": " + std::to_string(ballots) + " ballots but " + std::to_string(used) +
                                         " used codes");
        }
        if (content && def && def->codes_required) {
            // Every used code must be one issued for that kiosk, and used once.
            std::set<std::string> issued, seen;  // kiosk + '/' + hash
            for (const BallotCodes& file : content->ballot_codes)
                if (file.ballot == id)
                    for (const CodeBatch& batch : file.batches)
                        for (size_t i = 0; i < batch.count(); ++i)
                            issued.insert(file.kiosk + "/" + batch.hashes.substr(i * k_code_hash_bytes, k_code_hash_bytes));
            int64_t unknown = 0, twice = 0;
            for (const auto& [kiosk, hash] : used_by_ballot[id]) {
                unknown += !issued.contains(kiosk + "/" + hash);
                twice += !seen.insert(kiosk + "/" + hash).second;
            }
            if (unknown) tally.problems.push_back(std::to_string(unknown) + " used codes were never issued for their kiosk");
            if (twice) tally.problems.push_back(std::to_string(twice) + " codes were used twice");
        }
        if (def) {
            tally.definition = def;
            tally.count = count_ballots(*def, tally.cast);
        }
        out.ballots.push_back(std::move(tally));
    }
    return out;
}

std::string results_toml(const BallotTally& tally)
{
    const BallotCount& c = tally.count;
    std::string out = "# The published result of ballot " + tally.ballot +
                      ", written by linli-admin collect.\n# Copy it into the content folder's results/ "
                      "for the next bundle.\n";
    out += "ballot = " + quoted(tally.ballot) + "\n";
    out += "cast = " + std::to_string(c.cast) + "\n";
    out += "outcome = " + quoted(outcome_key(c.outcome)) + "\n";
    out += "quorum_met = " + std::string(c.quorum_met ? "true" : "false") + "\n";
    out += "elected = [";
    for (size_t i = 0; i < c.elected.size(); ++i) out += (i ? ", " : "") + quoted(c.elected[i]);
    out += "]\ntied = [";
    for (size_t i = 0; i < c.tied.size(); ++i) out += (i ? ", " : "") + quoted(c.tied[i]);
    out += "]\n";
    if (tally.definition) {
        out += "rule = " + quoted(outcome_in_words(*tally.definition, c, Language::Chinese)) + "\n";
    }
    out += "turnout = [";
    bool first = true;
    for (const auto& [kiosk, n] : tally.ballots_by_kiosk) {
        out += std::string(first ? "" : ", ") + "{ kiosk = " + quoted(kiosk) + ", ballots = " + std::to_string(n) + " }";
        first = false;
    }
    out += "]\ntrackers = [";
    for (size_t i = 0; i < tally.trackers.size(); ++i) out += std::string(i ? ", " : "") + quoted(tally.trackers[i]);
    out += "]\n";
    for (const QuestionCount& q : c.questions) {
        out += "\n[[question]]\ntext = " + quoted(q.text) + "\nunanswered = " + std::to_string(q.unanswered) + "\n";
        for (const OptionCount& o : q.options)
            out += "[[question.option]]\nlabel = " + quoted(o.label) + "\nvotes = " + std::to_string(o.votes) + "\n";
    }
    return out;
}

std::string recount_csv(const BallotTally& tally)
{
    std::string out = "\xEF\xBB\xBF";
    const std::vector<BallotQuestion> questions = tally.definition ? ballot_questions(*tally.definition)
                                                                   : std::vector<BallotQuestion>{};
    for (size_t q = 0; q < questions.size(); ++q) out += (q ? "," : "") + csv_field(questions[q].text);
    out += "\r\n";
    std::vector<size_t> order(tally.cast.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[crypto::random_below(uint32_t(i))]);
    for (size_t i : order) {
        const CastBallot& b = tally.cast[i];
        for (size_t q = 0; q < questions.size() && q < b.answers.size(); ++q) {
            std::string cell;
            for (int option : b.answers[q]) cell += (cell.empty() ? "" : "、") + questions[q].options[size_t(option)];
            out += (q ? "," : "") + csv_field(cell.empty() ? "（未选择）" : cell);
        }
        out += "\r\n";
    }
    return out;
}

std::string ballots_report(const BallotCollection& ballots)
{
    std::string out = "投票 / ballots\n";
    if (ballots.ballots.empty()) out += "  (none)\n";
    for (const std::string& p : ballots.problems) out += "  PROBLEM: " + p + "\n";
    for (const BallotTally& t : ballots.ballots) {
        out += "\n" + t.ballot + (t.definition ? "  " + t.definition->title : std::string()) + "\n";
        for (const auto& [kiosk, n] : t.ballots_by_kiosk)
            out += "  " + kiosk + ": " + std::to_string(n) + " ballots, " + std::to_string(t.used_codes_by_kiosk.count(kiosk) ? t.used_codes_by_kiosk.at(kiosk) : 0) +
                   " used codes\n";
        for (const std::string& p : t.problems) out += "  PROBLEM: " + p + "\n";
        if (!t.definition) {
            out += "  not counted: give --content CONTENT_DIR (the ballot's options are not in the exports)\n";
            continue;
        }
        out += "  counted: " + std::to_string(t.count.cast) + "\n";
        for (const QuestionCount& q : t.count.questions) {
            if (t.count.questions.size() > 1) out += "  " + q.text + "\n";
            for (const OptionCount& o : q.options) {
                char pct[16];
                std::snprintf(pct, sizeof pct, "%.1f%%", t.count.cast ? 100.0 * double(o.votes) / double(t.count.cast) : 0.0);
                out += "    " + o.label + ": " + std::to_string(o.votes) + " (" + pct + ")\n";
            }
            if (q.unanswered) out += "    （未选择）: " + std::to_string(q.unanswered) + "\n";
        }
        out += "  " + outcome_in_words(*t.definition, t.count, Language::Chinese) + "\n";
        out += "  " + outcome_in_words(*t.definition, t.count, Language::English) + "\n";
    }
    return out;
}

}  // namespace linli::services
