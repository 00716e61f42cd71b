// What `linli-admin collect` makes of the ballots in the kiosks' exports (issue 12): per ballot,
// the count under its rules (core/ballot.hpp), checked against the content folder (the ballot as
// it was when codes were issued, every used code issued), ballots against used codes per kiosk,
// the trackers of every counted ballot, a shuffled recount list, and results/<id>.toml for the
// next bundle.
#pragma once

#include "core/ballot.hpp"
#include "core/content_model.hpp"
#include "services/exports.hpp"

#include <map>
#include <string>
#include <vector>

namespace linli::services {

struct BallotTally {
    std::string ballot;                    // the ballot's id
    const BallotDefinition* definition = nullptr;  // from the content folder; none: not counted
    std::vector<CastBallot> cast;          // in the exports' (shuffled) order
    std::vector<std::string> trackers;     // sorted
    std::map<std::string, int64_t> ballots_by_kiosk, used_codes_by_kiosk;
    std::vector<std::string> problems;     // each makes the count doubtful; the report says so
    BallotCount count;                     // when definition is set
};

struct BallotCollection {
    std::vector<BallotTally> ballots;  // by id
    std::vector<std::string> problems;  // records that could not be read at all
    bool ok() const;
};

// The ballots and used codes of a collection. content: the content folder (ballots/, codes/),
// or nullptr: then ballots are listed but not counted (their options are not in the exports).
BallotCollection count_collected_ballots(const Collection& collection, const ContentSet* content);

// results/<id>.toml (INTERFACES.md §4): ballot, cast, outcome, elected, the questions' counts
// and the trackers.
std::string results_toml(const BallotTally& tally);
// ballots/<id>.csv: one row per ballot, in random order, the choices as their labels (UTF-8 with
// a BOM, CRLF), for a count by hand. No tracker: the list must not tie a choice to a voter.
std::string recount_csv(const BallotTally& tally);
// The 投票 section of report.txt.
std::string ballots_report(const BallotCollection& ballots);

}  // namespace linli::services
