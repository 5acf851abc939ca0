#include "gazetteer.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string_view>

#include "word_scanner.h"

namespace kb::analysis {
namespace {

struct Line {
  std::size_t number = 0;
  std::string code, name, kind, provincie, year, flags;
};

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    fields.push_back(
        line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return fields;
    start = tab + 1;
  }
}

Result<std::vector<Line>> ReadLines(const std::filesystem::path& tsv) {
  std::ifstream in(tsv);
  if (!in) {
    return Status::NotFound("gazetteer " + tsv.string() +
                            " cannot be opened; point the configuration at corpus/gazetteer.tsv");
  }
  std::vector<Line> lines;
  std::string text;
  std::size_t number = 0;
  bool header_seen = false;
  while (std::getline(in, text)) {
    ++number;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty() || text[0] == '#') continue;
    if (!header_seen && text.starts_with("code\t")) {
      header_seen = true;
      continue;
    }
    std::vector<std::string> f = SplitTabs(text);
    if (f.size() != 6) {
      return Status::InvalidArgument("gazetteer " + tsv.string() + ":" + std::to_string(number) +
                                     ": expected 6 tab-separated columns, found " +
                                     std::to_string(f.size()));
    }
    lines.push_back(Line{number, f[0], f[1], f[2], f[3], f[4], f[5]});
  }
  return lines;
}

// Flags are '-' or a comma-separated list ("word", "seat").
bool HasFlag(const std::string& flags, std::string_view flag) {
  std::size_t start = 0;
  while (start <= flags.size()) {
    const std::size_t comma = std::min(flags.find(',', start), flags.size());
    if (std::string_view(flags).substr(start, comma - start) == flag) return true;
    start = comma + 1;
  }
  return false;
}

}  // namespace

Result<Gazetteer> Gazetteer::Load(const std::filesystem::path& tsv) {
  Result<std::vector<Line>> lines = ReadLines(tsv);
  if (!lines.ok()) return lines.status();
  auto error = [&](const Line& line, const std::string& what) {
    return Status::InvalidArgument("gazetteer " + tsv.string() + ":" + std::to_string(line.number) +
                                   ": " + what);
  };
  Gazetteer g;
  std::map<std::string, std::uint32_t> provincie_by_code, provincie_by_name, gemeente_by_code;
  // Official lines first: provincies, then gemeenten (which refer to a provincie by name).
  for (const Line& line : *lines) {
    if (line.kind != "provincie") continue;
    if (!line.code.starts_with("PV")) return error(line, "a provincie needs a PVxx code");
    const auto index = static_cast<std::uint32_t>(g.provincies_.size());
    if (!provincie_by_code.emplace(line.code, index).second) {
      return error(line, "provincie code " + line.code + " appears twice");
    }
    provincie_by_name.emplace(line.name, index);
    g.provincies_.push_back(GazetteerProvincie{line.code, line.name});
  }
  for (const Line& line : *lines) {
    if (line.kind != "gemeente") continue;
    if (!line.code.starts_with("GM")) return error(line, "a gemeente needs a GMxxxx code");
    auto provincie = provincie_by_name.find(line.provincie);
    if (provincie == provincie_by_name.end()) {
      return error(line, "unknown provincie '" + line.provincie + "' for " + line.name);
    }
    const auto index = static_cast<std::uint32_t>(g.gemeenten_.size());
    if (!gemeente_by_code.emplace(line.code, index).second) {
      return error(line, "gemeente code " + line.code + " appears twice");
    }
    g.gemeenten_.push_back(
        GazetteerGemeente{line.code, line.name, provincie->second, HasFlag(line.flags, "seat")});
  }
  // Every line is a name; group them by folded form to find shared and ambiguous names.
  struct Targets {
    std::set<std::uint32_t> gemeenten, provincies;
    bool is_word = false;
    std::vector<std::string> words;
  };
  std::map<std::string, Targets> by_folded;
  for (const Line& line : *lines) {
    if (line.kind != "gemeente" && line.kind != "provincie" && line.kind != "alias" &&
        line.kind != "former") {
      return error(line,
                   "kind must be gemeente, provincie, alias or former, not '" + line.kind + "'");
    }
    std::vector<std::string> words = FoldPhrase(line.name);
    if (words.empty()) return error(line, "the name has no letters");
    std::string key;
    for (const std::string& w : words) key += w + " ";
    Targets& targets = by_folded[key];
    targets.words = words;
    targets.is_word = targets.is_word || HasFlag(line.flags, "word");
    if (auto it = gemeente_by_code.find(line.code); it != gemeente_by_code.end()) {
      targets.gemeenten.insert(it->second);
    } else if (auto pv = provincie_by_code.find(line.code); pv != provincie_by_code.end()) {
      targets.provincies.insert(pv->second);
    } else {
      return error(line, "code " + line.code + " has no gemeente or provincie line");
    }
  }
  for (auto& [key, targets] : by_folded) {
    if (targets.gemeenten.size() > 1 || targets.provincies.size() > 1) {
      g.ambiguous_.push_back(key.substr(0, key.size() - 1));
      continue;
    }
    GazetteerName name;
    name.words = std::move(targets.words);
    name.is_word = targets.is_word;
    if (!targets.gemeenten.empty()) name.gemeente = *targets.gemeenten.begin();
    if (!targets.provincies.empty()) name.provincie = *targets.provincies.begin();
    g.names_.push_back(std::move(name));
  }
  return g;
}

}  // namespace kb::analysis
