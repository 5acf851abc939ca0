// The configuration file through toml++ (Debian's TOML parser, already read by the analysis for
// themes.toml), handed to CLI11 as its config items so that the command line wins.
#include "kb/core/command_line.h"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <vector>

#include <toml++/toml.h>

namespace kb {
namespace {

// A TOML value as CLI11 inputs: strings as they are, numbers and booleans as written on a
// command line, an array as one input per element.
bool AppendInputs(const toml::node& node, std::vector<std::string>& inputs) {
  if (const auto* text = node.as_string()) {
    inputs.push_back(text->get());
  } else if (const auto* integer = node.as_integer()) {
    inputs.push_back(std::to_string(integer->get()));
  } else if (const auto* number = node.as_floating_point()) {
    std::ostringstream out;
    out << number->get();
    inputs.push_back(out.str());
  } else if (const auto* flag = node.as_boolean()) {
    inputs.push_back(flag->get() ? "true" : "false");
  } else if (const auto* array = node.as_array()) {
    for (const toml::node& element : *array) {
      if (!AppendInputs(element, inputs)) return false;
    }
  } else {
    return false;
  }
  return true;
}

class ProgramConfig : public CLI::Config {
 public:
  ProgramConfig(std::string program, const CLI::App& app)
      : program_(std::move(program)), app_(app) {}

  std::string to_config(const CLI::App* /*app*/, bool /*default_also*/, bool /*write_description*/,
                        std::string /*prefix*/) const override {
    return {};
  }

  std::vector<CLI::ConfigItem> from_config(std::istream& input) const override {
    toml::table root;
    try {
      root = toml::parse(input);
    } catch (const toml::parse_error& error) {
      std::ostringstream message;
      message << "the configuration file is not valid TOML (line " << error.source().begin.line
              << "): " << error.description();
      throw CLI::ConversionError(message.str());
    }
    std::vector<CLI::ConfigItem> found;
    for (const std::string& table : {std::string("common"), program_}) {
      const toml::table* section = root[table].as_table();
      if (section == nullptr) continue;
      for (const auto& [key, value] : *section) {
        CLI::ConfigItem item;
        item.name = std::string(key.str());
        if (!AppendInputs(value, item.inputs)) {
          throw CLI::ConversionError("configuration file, [" + table + "] " + item.name +
                                     " (line " + std::to_string(value.source().begin.line) +
                                     "): give a string, number, true/false or an array of them");
        }
        const bool known = app_.get_option_no_throw("--" + item.name) != nullptr ||
                           app_.get_option_no_throw(item.name) != nullptr;
        // A key of [common] that this program does not have is for the other programs.
        if (table == "common" && !known) continue;
        if (!known) {
          throw CLI::ConversionError("configuration file, [" + table + "] " + item.name +
                                     " (line " + std::to_string(value.source().begin.line) +
                                     "): " + program_ + " has no option --" + item.name + "; see " +
                                     program_ + " --help");
        }
        found.push_back(std::move(item));
      }
    }
    return found;
  }

 private:
  std::string program_;
  const CLI::App& app_;
};

}  // namespace

void AddVersionFlag(CLI::App& app, const std::string& program) {
  app.set_version_flag("--version", program + " " + std::string(kVersion),
                       "Print the version and exit");
}

void AddConfigFile(CLI::App& app, const std::string& program) {
  std::string file(kDefaultConfigFile);
  bool required = false;
  if (const char* from_environment = std::getenv("KB_CONFIG");
      from_environment && *from_environment) {
    file = from_environment;
    required = true;
  }
  app.config_formatter(std::make_shared<ProgramConfig>(program, app));
  app.allow_config_extras(CLI::config_extras_mode::error);  // a misspelt key is an error
  app.set_config("--config", file,
                 "Configuration file (TOML: [common] and [" + program + "] tables; default " +
                     std::string(kDefaultConfigFile) + " when it exists, or $KB_CONFIG)",
                 required);
}

std::optional<int> ParseCommandLine(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
    return std::nullopt;
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : kExitUsage;
  }
}

}  // namespace kb
