// The per-kind loaders behind load_content_folder, one file each: they read their part of the
// folder, fill the ContentSet and report problems; none stops at the first. Internal to content/.
#pragma once

#include "content/paths.hpp"
#include "core/content_model.hpp"

#include <toml++/toml.h>

#include <set>
#include <string>

namespace linli::content {

// Every file seen under media/ (even refused ones, which media.cpp has already reported), so a
// reference to one is not reported twice.
struct MediaIndex {
    std::set<std::string> seen;
};

// media/: JPEG or PNG by magic bytes, at most 20 MB each.
MediaIndex load_media(ContentFolder& folder, ContentSet& content);
// The pictures of the folder dir's media/ (its own problems left to the folder check): what the
// console's forms check one edited file's references against.
MediaIndex media_of_folder(const std::string& dir, Language messages);
// A path written in content (images, voucher) must be a plain path under media/ that exists.
void check_media_reference(Diagnostics& d, const std::string& file, int line, const MediaIndex& media,
                           const std::string& path);

enum class ItemKind { Announcement, Recruitment, Document, Meeting };

// One .md file of a kind (bytes as read; rel names it in messages and gives its id). Used by
// load_items and by the front matter fuzz target.
void parse_item_text(Diagnostics& d, const MediaIndex& media, ItemKind kind, const std::string& rel,
                     std::string_view bytes, ContentSet& content);
// One ballots/<id>.toml file; as above.
void parse_ballot_text(Diagnostics& d, const MediaIndex& media, const std::string& rel, std::string_view bytes,
                       ContentSet& content);

// The file as a TOML table, or nothing (reported: not UTF-8, a syntax error); absent files are
// left to the caller.
std::optional<toml::table> read_toml_file(ContentFolder& folder, const std::string& rel);

void load_board(ContentFolder& folder, ContentSet& content);    // board.toml (required), [feedback] too
void load_replies(ContentFolder& folder, ContentSet& content);  // feedback/replies.toml (optional)
void load_periods(ContentFolder& folder, ContentSet& content);  // finance/periods.toml (optional)
void load_items(ContentFolder& folder, const MediaIndex& media, ContentSet& content);  // the .md kinds
void load_ledger(ContentFolder& folder, const MediaIndex& media, ContentSet& content);
void load_tasks(ContentFolder& folder, ContentSet& content);
void load_goals(ContentFolder& folder, ContentSet& content);
void load_ballots(ContentFolder& folder, const MediaIndex& media, ContentSet& content);
void load_ballot_codes(ContentFolder& folder, ContentSet& content);  // codes/ (after the ballots)
void load_ballot_results(ContentFolder& folder, ContentSet& content);  // results/ (after the ballots)
// Warnings about the accounts (finance_checks.cpp), once the ledger and periods are loaded.
void check_finance(ContentFolder& folder, const ContentSet& content);

// Files of a kind's folder with the given extension; others are reported. Ids (stems) that
// differ only in case are reported too (they collide on Windows and in URLs).
std::vector<std::string> kind_files(ContentFolder& folder, const std::string& dir, std::string_view ext);

// The id of "announcements/water-outage.md": "water-outage".
std::string file_stem(const std::string& rel);

}  // namespace linli::content
