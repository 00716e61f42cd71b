// The office console's editor of content items (announcements first): the fields its form shows,
// read from a file; the file's new text with those fields set and everything else kept as it was
// (comments, keys the form does not know, their order); and the problems of that text, checked
// exactly as the folder check would, before anything is written.
#pragma once

#include "content/diagnostics.hpp"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace linli::content {

// The .md kinds the console edits (INTERFACES.md §3).
enum class EditedKind { Announcement, Recruitment, Document, Meeting };

// A kind's own fields besides the common ones: a text, a date or date-time, or a list of texts.
enum class ExtraType { Text, Time, List, Positions };
struct ExtraField {
    std::string_view key;
    ExtraType type;
};
// recruitment: deadline, apply, apply_url, requirements; documents: kind, comment_until;
// meetings: date, location, kind, decisions; every kind: images (paths under media/).
// Recruitment's positions is a table: { name, count } per row.
std::span<const ExtraField> extra_fields(EditedKind kind);

// A row of a recruitment notice's positions: the count as typed (a whole number, else check says so).
struct PositionRow {
    std::string name, count;
    bool operator==(const PositionRow&) const = default;
};

// As the form shows them; text as written in the file ("" when absent). Times are RFC 3339
// dates or date-times as an administrator writes them ("2026-11-25", "2026-11-25T08:00:00").
struct ItemFields {
    std::string title, category, publish, expire, qr_url, qr_label;
    bool urgent = false, pinned = false;
    std::map<std::string, std::string> extra;               // the kind's Text and Time fields
    std::map<std::string, std::vector<std::string>> lists;  // the kind's List fields
    std::vector<PositionRow> positions;                     // recruitment's positions table
    std::string body;  // Markdown, after the closing +++
};

// The fields of a file's text; nothing when it has no front matter the form can read.
std::optional<ItemFields> read_item_fields(std::string_view text, EditedKind kind = EditedKind::Announcement);

struct EditedItem {
    std::string text;
    // The front matter had to be written anew (a field spread over several lines, or no front
    // matter at all), so its comments and unknown keys are gone: the form says so.
    bool rewritten = false;
};

// old_text with fields set: each field's line replaced in place, a new field added before the
// closing +++, an emptied one removed (urgent and pinned when false and not there before); the
// body replaced. old_text empty: a new file, fields in the usual order.
EditedItem write_item_fields(std::string_view old_text, const ItemFields& fields, EditedKind kind = EditedKind::Announcement);

// Whether the text's front matter holds something write_item_fields would drop (comments, keys
// the form does not know) because it cannot edit it in place.
bool edit_loses_comments(std::string_view old_text, EditedKind kind = EditedKind::Announcement);

// The problems (errors and warnings) of an item's text as if it were rel in the folder dir (its
// images checked against dir's media/), in the file's own lines.
std::vector<Diagnostic> check_item_text(const std::string& dir, EditedKind kind, const std::string& rel, std::string_view text,
                                        Language messages);

// The front matter key on line `line` of text (1-based), "body" for a line of the body, or ""
// (the fence, a blank or comment line): where the form shows a problem of that line.
std::string field_at_line(std::string_view text, int line);

}  // namespace linli::content
