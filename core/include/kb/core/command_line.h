// What every kb-* program does with its command line (header-only; for programs that link
// CLI11): a --version flag, and one exit code for every usage error.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "kb/core/version.h"

namespace kb {

// Exit code of a command line that is wrong (an unknown or missing option, a bad value):
// CLI11's own codes (106 for a missing option, 109 for extra arguments, ...) mean nothing to a
// script, so every usage error is 2, as for most Unix tools.
inline constexpr int kExitUsage = 2;

// Adds --version ("kb-indexer 0.1.0") to `app`.
inline void AddVersionFlag(CLI::App& app, const std::string& program) {
  app.set_version_flag("--version", program + " " + std::string(kVersion),
                       "Print the version and exit");
}

// Parses; nullopt to go on, or the code to exit with: 0 after --help or --version, kExitUsage
// after a usage error (CLI11 has printed the message).
inline std::optional<int> ParseCommandLine(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
    return std::nullopt;
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : kExitUsage;
  }
}

}  // namespace kb
