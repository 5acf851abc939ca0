// What every kb-* program does with its command line: a --version flag, one exit code for every
// usage error, and settings from the configuration file (library kb_command_line, for programs
// that link CLI11).
//
// The configuration file is TOML, one table per program and a [common] table every program
// reads first; keys are the long options without "--" (`db = "/var/lib/..."`, `listen =
// "127.0.0.1:8080"`, a flag as `watch = true`, a repeatable option or the indexer's folders as an
// array). Options given on the command line win over the file. It is read from --config FILE,
// else from the KB_CONFIG environment variable, else from kDefaultConfigFile when that exists. A
// key the program does not know, a bad value or a TOML syntax error is a usage error naming the
// file, the key and the line.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "kb/core/version.h"

namespace kb {

// Exit code of a command line that is wrong (an unknown or missing option, a bad value, a bad
// configuration file): CLI11's own codes (106 for a missing option, 109 for extra arguments, ...)
// mean nothing to a script, so every usage error is 2, as for most Unix tools.
inline constexpr int kExitUsage = 2;

inline constexpr std::string_view kDefaultConfigFile = "/etc/wat-weten-we-al/config.toml";

// Adds --version ("kb-indexer 0.1.0") to `app`.
void AddVersionFlag(CLI::App& app, const std::string& program);

// Adds --config FILE and reads the [common] and [`program`] tables of the configuration file.
void AddConfigFile(CLI::App& app, const std::string& program);

// Parses; nullopt to go on, or the code to exit with: 0 after --help or --version, kExitUsage
// after a usage error (the message has been printed).
std::optional<int> ParseCommandLine(CLI::App& app, int argc, char** argv);

}  // namespace kb
