// `linli-admin check CONTENT_DIR`: validates an authoring folder exactly as a bundle build will,
// and lists every problem at once (FILE:LINE: what is wrong, on stderr as compilers do) so an
// administrator fixes them in one pass. Messages follow the locale (LC_ALL, LC_MESSAGES, LANG).
#include "admin/command.hpp"

#include "bundle/ballot_codes_check.hpp"
#include "content/content_folder.hpp"

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

namespace linli::admin {

namespace {


std::string count_en(size_t n, std::string_view one, std::string_view many)
{
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string ok_summary(Language language, const ContentSet& c)
{
    if (language == Language::Chinese)
        return "通过：公告 " + std::to_string(c.announcements.size()) + " 条，招募 " +
               std::to_string(c.recruitment.size()) + " 条，章程制度 " + std::to_string(c.documents.size()) +
               " 份，会议 " + std::to_string(c.meetings.size()) + " 次，任务 " + std::to_string(c.tasks.size()) +
               " 项，年度目标 " + std::to_string(c.goals.size()) + " 项，账目 " + std::to_string(c.ledger.size()) +
               " 笔，对账期间 " + std::to_string(c.periods.size()) + " 个，投票 " + std::to_string(c.ballots.size()) +
               " 个，图片 " + std::to_string(c.media.size()) + " 张";
    return "ok: " + count_en(c.announcements.size(), "announcement", "announcements") + ", " +
           count_en(c.recruitment.size(), "recruitment notice", "recruitment notices") + ", " +
           count_en(c.documents.size(), "document", "documents") + ", " +
           count_en(c.meetings.size(), "meeting", "meetings") + ", " + count_en(c.tasks.size(), "task", "tasks") +
           ", " + count_en(c.goals.size(), "goal", "goals") + ", " +
           count_en(c.ledger.size(), "ledger entry", "ledger entries") + ", " +
           count_en(c.periods.size(), "declared period", "declared periods") + ", " +
           count_en(c.ballots.size(), "ballot", "ballots") + ", " + count_en(c.media.size(), "image", "images");
}

}  // namespace

// The POSIX order of precedence: the first of these that is set decides.
Language message_language()
{
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value && *value)
            return std::string_view(value).starts_with("zh") ? Language::Chinese : Language::English;
    }
    return Language::English;
}

Status run_check_content(Args args)
{
    if (wants_help(args)) {
        std::fputs("usage: linli-admin check CONTENT_DIR\n\n"
                   "Validates a content authoring folder (board.toml, announcements/, recruitment/,\n"
                   "documents/, meetings/, progress/, finance/, ballots/, media/) and prints every\n"
                   "problem as FILE:LINE: what is wrong (exit status 2), or an \"ok\" summary.\n"
                   "Warnings (FILE:LINE: warning: ...) name what residents would see as a problem, such as\n"
                   "declared balances that do not reconcile with the ledger; they do not change the exit\n"
                   "status (but `build` refuses unreconciled balances without --publish-mismatch).\n"
                   "Messages are in Chinese when LC_ALL, LC_MESSAGES or LANG starts with zh.\n",
                   stdout);
        return {};
    }
    if (args.size() != 1)
        return Error::rejected("check: expected exactly one CONTENT_DIR (usage: linli-admin check CONTENT_DIR)");
    const Language language = message_language();
    content::ContentLoad load = TRY(content::load_content_folder(std::string(args[0]), language));
    bundle::check_ballot_codes(load, language);
    for (const content::Diagnostic& d : load.warnings)
        std::fprintf(stderr, "%s\n", content::format_diagnostic(d).c_str());
    if (load.problems.empty()) {
        std::puts(ok_summary(language, load.content).c_str());
        return {};
    }
    std::set<std::string> files;
    for (const content::Diagnostic& d : load.problems) {
        std::fprintf(stderr, "%s\n", content::format_diagnostic(d).c_str());
        files.insert(d.file);
    }
    size_t n = load.problems.size();
    if (language == Language::Chinese)
        return Error::rejected(std::to_string(files.size()) + " 个文件中有 " + std::to_string(n) + " 个问题");
    return Error::rejected(count_en(n, "problem", "problems") + " in " + count_en(files.size(), "file", "files"));
}

}  // namespace linli::admin
