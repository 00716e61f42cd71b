// Ballots as administrators define them (ballots/<id>.toml, INTERFACES.md §3) and the rules that
// count them: the same code decides on the kiosk (what a resident may choose), in
// `linli-admin collect` (the count, quorum, threshold, seats, ties) and on the results screen.
#pragma once

#include "core/i18n.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace linli {

enum class BallotKind { Motion, Single, Multi, Survey };
enum class QuestionKind { Single, Multi, Scale };

// A candidate of an election: the option's label is the name.
struct Candidate {
    std::string name;
    std::string photo;  // "media/...", or empty
    std::string bio;
};

// One screen of the ballot. Motions and elections have one, made from the ballot itself;
// surveys list theirs.
struct BallotQuestion {
    std::string text;
    QuestionKind kind = QuestionKind::Single;
    std::vector<std::string> options;  // a scale question: "1" to "5"
    int max_choices = 1;               // Multi: how many options may be chosen at most
};

// A motion's rule: yes votes against all ballots cast. ">1/2" (more than half) is at_least
// false; ">=2/3" (at least two thirds) is at_least true.
struct Threshold {
    int num = 1;
    int den = 2;
    bool at_least = false;
    bool operator==(const Threshold&) const = default;
};

struct BallotDefinition {
    std::string id;
    std::string title;
    BallotKind kind = BallotKind::Motion;
    std::vector<std::string> options;    // single and multi; a motion's are implied
    std::vector<Candidate> candidates;   // elections may describe their options
    int max_choices = 1;                 // multi
    int seats = 1;                       // single: 1; multi: max_choices unless given
    std::vector<BallotQuestion> questions;  // surveys
    int64_t opens_s = 0;
    int64_t closes_s = 0;
    bool codes_required = false;
    int quorum = 0;
    Threshold threshold;  // motions
    std::string description;

    // Taking ballots at now_s (opens <= now < closes; an unset bound, 0, is open-ended).
    bool open_at(int64_t now_s) const
    {
        return (opens_s == 0 || now_s >= opens_s) && (closes_s == 0 || now_s < closes_s);
    }
    bool closed_at(int64_t now_s) const { return closes_s != 0 && now_s >= closes_s; }
    bool is_election() const { return kind == BallotKind::Single || kind == BallotKind::Multi; }
};

// The labels of a motion's options, in this order (index 0 is yes).
inline constexpr const char* k_motion_options[] = {"赞成", "反对", "弃权"};

// What decides a cast ballot's meaning and its count, one fact a line: kind, options, choices,
// seats, threshold, quorum, questions; not the title, texts, dates or candidates' photos and
// bios, which may still be corrected after codes were issued. Its hash is the fingerprint that
// voting codes carry (crypto::ballot_fingerprint).
std::string ballot_canonical_text(const BallotDefinition& ballot);

// The screens a resident answers, in order.
std::vector<BallotQuestion> ballot_questions(const BallotDefinition& ballot);

// One ballot as cast: for each question, the indexes of the chosen options in ascending order
// (none: not answered, counted as an abstention).
struct CastBallot {
    std::vector<std::vector<int>> answers;
    bool operator==(const CastBallot&) const = default;
};

// Empty when the ballot can be counted under this definition; otherwise what is wrong with it
// (a question too many or missing, an option out of range or twice, more than max_choices).
std::string ballot_problem(const BallotDefinition& ballot, const CastBallot& cast);

enum class BallotOutcome { None, Passed, Failed, Tie };  // None: surveys
const char* outcome_key(BallotOutcome outcome);              // "", "passed", "failed", "tie"

struct OptionCount {
    std::string label;
    int64_t votes = 0;
};

struct QuestionCount {
    std::string text;
    std::vector<OptionCount> options;
    int64_t unanswered = 0;
};

struct BallotCount {
    std::string ballot;
    int64_t cast = 0;
    BallotOutcome outcome = BallotOutcome::None;
    bool quorum_met = true;
    std::vector<std::string> elected;  // elections, in order of votes
    std::vector<std::string> tied;     // elections: the candidates tied for the last seat(s)
    std::vector<QuestionCount> questions;
};

// A ballot's published result (results/<id>.toml, as `linli-admin collect` writes it), shown on
// every kiosk once the ballot has closed.
struct KioskTurnout {
    std::string kiosk;
    int64_t ballots = 0;
};
struct BallotResult {
    BallotCount count;                  // count.ballot is the ballot's id
    std::string rule;                   // the outcome in words, as counted
    std::vector<KioskTurnout> turnout;  // ballots per kiosk (never choices per kiosk)
    std::vector<std::string> trackers;  // of every counted ballot, sorted
};

// Counts ballots (each must have no ballot_problem) and applies the quorum, the threshold
// and the seats. Ties are reported, never broken.
BallotCount count_ballots(const BallotDefinition& ballot, std::span<const CastBallot> cast);

// The ballot's rules in plain words, one sentence each: what to choose, when the result
// stands (quorum), when a motion passes or who is elected, and how abstentions count.
std::vector<std::string> rules_in_words(const BallotDefinition& ballot, Language language);

// Why the count came out as it did, in one sentence ("赞成 140 票，占投票总数 200 票的 70.0%，
// 达到三分之二，通过。").
std::string outcome_in_words(const BallotDefinition& ballot, const BallotCount& count, Language language);

// "一半" / "三分之二" / "3/5" (Chinese), "half" / "two thirds" / "3/5" (English).
std::string fraction_words(int num, int den, Language language);

}  // namespace linli
