// The console's ballot editor (content/ballot_edit): a ballot's settings read from its file, the
// file written back with only what changed, and problems found where the form shows them.
#include "content/ballot_edit.hpp"

#include "content_test_support.hpp"

#include <catch2/catch.hpp>

using namespace linli;
using namespace linli::content;

namespace {

constexpr std::string_view k_election = "# 环境组组长选举：候选人名单经资格审查确定\n"
                                        "title = \"环境组组长选举\"\n"
                                        "kind = \"single\"\n"
                                        "description = \"从经资格审查的候选人中选出环境组组长 1 名。\"\n"
                                        "options = [\"王芳\", \"赵强\", \"周敏\"]\n"
                                        "opens = 2026-12-20T08:00:00+08:00\n"
                                        "closes = 2026-12-27T20:00:00+08:00  # 周日晚\n"
                                        "codes = \"required\"\n"
                                        "quorum = 100\n";

constexpr std::string_view k_png = "\x89PNG\r\n\x1A\n0000";

std::vector<std::string> problem_fields(const std::string& text, const std::vector<Diagnostic>& problems)
{
    std::vector<std::string> out;
    for (const auto& d : problems) out.push_back(ballot_field_at_line(text, d.line));
    return out;
}

}  // namespace

TEST_CASE("ballot edit: an election's settings are read from a hand-written file", "[content]")
{
    auto f = read_ballot_fields(k_election);
    REQUIRE(f.has_value());
    CHECK(f->title == "环境组组长选举");
    CHECK(f->kind == "single");
    CHECK(f->opens == "2026-12-20T08:00:00+08:00");
    CHECK(f->closes == "2026-12-27T20:00:00+08:00");
    CHECK(f->quorum == "100");
    CHECK(f->threshold.empty());
    CHECK(f->choices == std::vector<ChoiceRow>{{"王芳", "", ""}, {"赵强", "", ""}, {"周敏", "", ""}});
    CHECK_FALSE(read_ballot_fields("title = \"没有结尾的引号\n").has_value());
}

TEST_CASE("ballot edit: a changed quorum changes its line alone, and unchanged, the file is byte for byte the same", "[content]")
{
    auto f = *read_ballot_fields(k_election);
    CHECK(write_ballot_fields(k_election, f).text == k_election);
    f.quorum = "120";
    const EditedItem edited = write_ballot_fields(k_election, f);
    CHECK_FALSE(edited.rewritten);
    std::string expected(k_election);
    expected.replace(expected.find("quorum = 100"), 12, "quorum = 120");
    CHECK(edited.text == expected);
}

TEST_CASE("ballot edit: a candidate's photo and biography become a candidates table while the options line stays", "[content]")
{
    testing::ScratchFolder folder;
    folder.write("board.toml", testing::k_board_toml);
    folder.write("media/wangfang.png", k_png);
    auto f = *read_ballot_fields(k_election);
    f.choices[0].photo = "media/wangfang.png";
    f.choices[0].bio = "退休教师，在小区居住 20 年。";
    const std::string text = write_ballot_fields(k_election, f).text;
    CHECK(text == std::string(k_election) +
                      "\n[[candidates]]\nname = \"王芳\"\nphoto = \"media/wangfang.png\"\nbio = \"退休教师，在小区居住 20 年。\"\n");
    CHECK(read_ballot_fields(text)->choices == f.choices);
    CHECK(check_ballot_text(folder.str(), "ballots/leader.toml", text, Language::English).empty());

    // A photo that is not in media/ is named at the candidates' table.
    f.choices[1].photo = "media/zhaoqiang.jpg";
    const std::string missing = write_ballot_fields(text, f).text;
    const auto problems = check_ballot_text(folder.str(), "ballots/leader.toml", missing, Language::English);
    REQUIRE(problems.size() == 1);
    CHECK(testing::formatted(problems)[0].find("media/zhaoqiang.jpg") != std::string::npos);
    CHECK(problem_fields(missing, problems) == std::vector<std::string>{"choices"});
}

TEST_CASE("ballot edit: candidates written as tables alone keep that style, and comments among them are lost only when they change, and the form is told", "[content]")
{
    constexpr std::string_view tables = "title = \"业委会委员选举\"\n"
                                        "kind = \"multi\"\n"
                                        "max_choices = 2\n"
                                        "opens = 2027-01-05\n"
                                        "closes = 2027-01-15\n"
                                        "\n"
                                        "[[candidates]]\n"
                                        "# 第一位：楼组长推荐\n"
                                        "name = \"李明\"\n"
                                        "bio = \"3号楼楼组长\"\n"
                                        "\n"
                                        "[[candidates]]\n"
                                        "name = \"陈静\"\n"
                                        "\n"
                                        "[[candidates]]\n"
                                        "name = \"刘洋\"\n";
    CHECK(ballot_edit_loses_comments(tables));
    auto f = *read_ballot_fields(tables);
    CHECK(f.choices == std::vector<ChoiceRow>{{"李明", "", "3号楼楼组长"}, {"陈静", "", ""}, {"刘洋", "", ""}});
    f.seats = "2";
    EditedItem edited = write_ballot_fields(tables, f);
    CHECK_FALSE(edited.rewritten);
    CHECK(edited.text.find("closes = 2027-01-15\nseats = 2\n\n[[candidates]]\n# 第一位") != std::string::npos);

    f.choices.push_back({"孙丽", "", ""});
    edited = write_ballot_fields(edited.text, f);
    CHECK(edited.rewritten);
    CHECK(edited.text.find("options") == std::string::npos);
    CHECK(edited.text.ends_with("seats = 2\n\n[[candidates]]\nname = \"李明\"\nbio = \"3号楼楼组长\"\n\n[[candidates]]\nname = \"陈静\"\n"
                                "\n[[candidates]]\nname = \"刘洋\"\n\n[[candidates]]\nname = \"孙丽\"\n"));
    testing::ScratchFolder folder;
    folder.write("board.toml", testing::k_board_toml);
    CHECK(check_ballot_text(folder.str(), "ballots/committee.toml", edited.text, Language::English).empty());
}

TEST_CASE("ballot edit: a survey's questions: one added at the end, a wrong one named at its question", "[content]")
{
    testing::ScratchFolder folder;
    folder.write("board.toml", testing::k_board_toml);
    constexpr std::string_view survey = "title = \"活动意向调查\"\n"
                                        "kind = \"survey\"\n"
                                        "opens = 2026-11-20\n"
                                        "closes = 2026-12-31\n"
                                        "codes = \"none\"\n"
                                        "\n"
                                        "[[questions]]\n"
                                        "text = \"您最希望参加哪类活动？\"\n"
                                        "kind = \"multi\"\n"
                                        "options = [\"健康讲座\", \"亲子活动\"]\n";
    auto f = *read_ballot_fields(survey);
    REQUIRE(f.questions.size() == 1);
    CHECK(f.questions[0].options == std::vector<std::string>{"健康讲座", "亲子活动"});
    f.questions.push_back({"您对今年的活动满意吗？", "scale", "", {"满意", "不满意"}});
    const std::string text = write_ballot_fields(survey, f).text;
    CHECK(text.starts_with(std::string(survey) + "\n[[questions]]\ntext = \"您对今年的活动满意吗？\"\nkind = \"scale\"\n"));
    const auto problems = check_ballot_text(folder.str(), "ballots/survey.toml", text, Language::English);
    REQUIRE(problems.size() == 1);
    CHECK(testing::formatted(problems)[0].find("scale") != std::string::npos);
    CHECK(problem_fields(text, problems) == std::vector<std::string>{"questions.1"});

    f.questions[1].options.clear();
    CHECK(check_ballot_text(folder.str(), "ballots/survey.toml", write_ballot_fields(text, f).text, Language::English).empty());
}

TEST_CASE("ballot edit: a new motion is written in the usual order and checks, and turned into an election, the motion's keys go", "[content]")
{
    testing::ScratchFolder folder;
    folder.write("board.toml", testing::k_board_toml);
    BallotFields f;
    f.title = "章程修订表决";
    f.kind = "motion";
    f.opens = "2027-01-05T08:00";
    f.closes = "2027-01-15T20:00";
    f.codes = "required";
    f.quorum = "200";
    f.threshold = ">=2/3";
    const std::string motion = write_ballot_fields("", f).text;
    CHECK(motion == "title = \"章程修订表决\"\nkind = \"motion\"\nopens = 2027-01-05T08:00:00\ncloses = 2027-01-15T20:00:00\n"
                    "codes = \"required\"\nquorum = 200\nthreshold = \">=2/3\"\n");
    CHECK(check_ballot_text(folder.str(), "ballots/charter.toml", motion, Language::English).empty());

    // The form sends what the new kind shows: no threshold, two choices.
    f.kind = "single";
    f.threshold.clear();
    f.choices = {{"甲方案", "", ""}, {"乙方案", "", ""}};
    f.quorum = "两百";
    const std::string single = write_ballot_fields(motion, f).text;
    CHECK(single.find("threshold") == std::string::npos);
    CHECK(single.find("options = [\"甲方案\", \"乙方案\"]\n") != std::string::npos);
    const auto problems = check_ballot_text(folder.str(), "ballots/charter.toml", single, Language::English);
    CHECK(problem_fields(single, problems) == std::vector<std::string>{"quorum"});
}
