// The office console's editor of a ballot's own settings (ballots/<id>.toml, INTERFACES.md §3):
// the fields its form shows, read from the file; the file's new text with those fields set and
// every other line kept (comments, keys the form does not know, their order); and the problems
// of that text, checked exactly as the folder check would, before anything is written.
#pragma once

#include "content/diagnostics.hpp"
#include "content/item_edit.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linli::content {

// One choice of an election (single / multi): an option, with the photo (a path under media/)
// and the short biography residents see on its card when the ballot has them.
struct ChoiceRow {
    std::string name, photo, bio;
    bool operator==(const ChoiceRow&) const = default;
};

// One question of a survey; max_choices as typed (multi questions only).
struct QuestionRow {
    std::string text, kind, max_choices;
    std::vector<std::string> options;
    bool operator==(const QuestionRow&) const = default;
};

// As the form shows them; text as written in the file ("" when absent). Numbers are text so a
// wrong one reaches the check, which names it at its line.
struct BallotFields {
    std::string title, kind, description, opens, closes, codes, quorum, threshold, max_choices, seats;
    std::vector<ChoiceRow> choices;      // single and multi: `options`, with [[candidates]] merged in
    std::vector<QuestionRow> questions;  // survey: [[questions]]
};

// The fields of a ballot file's text; nothing when it is not TOML the form can read.
std::optional<BallotFields> read_ballot_fields(std::string_view text);

// old_text with fields set: the top-level keys line by line as item_edit does; the [[candidates]]
// and [[questions]] tables, when they changed, removed and written anew at the end (rewritten is
// then true when comments among them were lost). old_text empty: a new file in the usual order.
EditedItem write_ballot_fields(std::string_view old_text, const BallotFields& fields);

// Whether comments sit among the [[candidates]] or [[questions]] tables: changing those tables
// would lose them, which the form says beforehand.
bool ballot_edit_loses_comments(std::string_view text);

// The problems (errors and warnings) of a ballot file's text as if it were rel in the folder dir
// (photos checked against dir's media/), in the file's own lines.
std::vector<Diagnostic> check_ballot_text(const std::string& dir, const std::string& rel, std::string_view text,
                                          Language messages);

// Where the form shows a problem on line `line` (1-based) of a ballot's text: a top-level key,
// "choices" (options and candidates), "questions.N" (the Nth survey question, from 0), or "".
std::string ballot_field_at_line(std::string_view text, int line);

}  // namespace linli::content
