#include "admin/console/console_config.hpp"

#include "content/toml_fields.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

namespace linli::admin {

namespace fs = std::filesystem;

bool ConsoleConfig::loopback() const
{
    return bind == "127.0.0.1" || bind == "::1" || bind == "localhost";
}

Result<ConsoleConfig> load_console_config(const std::string& workspace, Language language)
{
    const fs::path path = fs::path(workspace) / "console.toml";
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error::rejected("console: " + path.string() +
                               ": missing: not a workspace (make one with linli-admin init WORKSPACE)");
    std::stringstream bytes;
    bytes << in.rdbuf();
    content::Diagnostics diagnostics(language);
    const std::string file = "console.toml";
    ConsoleConfig config;
    auto table = content::parse_toml_file(diagnostics, file, bytes.str());
    if (table) {
        content::TomlFields top(diagnostics, file, *table, 0, 1);
        static constexpr std::string_view k_tables[] = {"console"};
        top.check_keys(k_tables);
        const toml::table* console = (*table)["console"].as_table();
        if (!console) {
            top.problem(1, "缺少 [console] 表", "the [console] table is missing");
        } else {
            const int header = console->source().begin.line ? int(console->source().begin.line) : 1;
            content::TomlFields f(diagnostics, file, *console, 0, header);
            static constexpr std::string_view k_keys[] = {"bind", "port", "kiosk_port", "password_hash", "tls_cert",
                                                          "tls_key", "usb_roots"};
            f.check_keys(k_keys);
            if (auto bind = f.text("bind")) config.bind = *bind;
            auto port = [&](std::string_view key, int& out) {
                if (auto value = f.integer(key)) {
                    if (*value < 1 || *value > 65535)
                        f.problem(f.line(key), std::string(key) + " 必须是 1 到 65535 之间的端口号",
                                  std::string(key) + " must be a port number from 1 to 65535");
                    else out = int(*value);
                }
            };
            port("port", config.port);
            port("kiosk_port", config.kiosk_port);
            if (config.port == config.kiosk_port)
                f.problem(f.line("kiosk_port"), "kiosk_port 不能与 port 相同", "kiosk_port must differ from port");
            if (auto hash = f.text("password_hash")) config.password_hash = *hash;
            auto file_path = [&](std::string_view key, std::string& out) {
                if (auto value = f.text(key); value && !value->empty())
                    out = (fs::path(*value).is_absolute() ? fs::path(*value) : fs::path(workspace) / *value)
                              .lexically_normal()
                              .string();
            };
            if (auto roots = f.text_list("usb_roots")) config.usb_roots = *roots;
            file_path("tls_cert", config.tls_cert);
            file_path("tls_key", config.tls_key);
        }
    }
    auto problems = diagnostics.take_sorted();
    if (problems.empty()) return config;
    std::string message;
    for (const auto& d : problems) {
        content::Diagnostic shown = d;
        shown.file = path.string();
        message += (message.empty() ? "" : "\n") + content::format_diagnostic(shown);
    }
    return Error::rejected(message);
}

}  // namespace linli::admin
