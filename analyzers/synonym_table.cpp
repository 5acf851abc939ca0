#include "synonym_table.h"

#include <toml++/toml.h>

#include "kb/analysis/text_fold.h"
#include "kb/analysis/tokenizer.h"

namespace kb::analysis {

std::vector<std::string> FoldedWords(std::string_view text) {
  std::vector<std::string> words;
  Tokenizer tokenizer(text);
  for (Token token; tokenizer.Next(token);) {
    std::string word = Folded(token.text);
    if (!word.empty()) words.push_back(std::move(word));
  }
  return words;
}

Result<SynonymTable> SynonymTable::Load(const std::filesystem::path& path) {
  toml::table root;
  try {
    root = toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(
        path.string() + ": not valid TOML: " + std::string(e.description()) + "; fix the file");
  }
  const toml::table* entries = root["synonyms"].as_table();
  if (entries == nullptr) {
    return Status::InvalidArgument(path.string() + ": missing the [synonyms] table");
  }
  SynonymTable table;
  for (const auto& [key, value] : *entries) {
    const std::string where = path.string() + ": entry \"" + std::string(key.str()) + "\"";
    std::string canonical;
    for (const std::string& w : FoldedWords(key.str())) canonical += w;
    if (canonical.empty() || key.str().find(' ') != std::string_view::npos) {
      return Status::InvalidArgument(where +
                                     ": the key must be one word (an abbreviation or "
                                     "the canonical term)");
    }
    const toml::array* members = value.as_array();
    if (members == nullptr || members->empty()) {
      return Status::InvalidArgument(where + ": the value must be a non-empty list of strings");
    }
    SynonymGroup group;
    group.canonical = canonical;
    group.words.push_back(canonical);
    for (const toml::node& member : *members) {
      std::optional<std::string> text = member.value<std::string>();
      if (!text) return Status::InvalidArgument(where + ": every member must be a string");
      std::vector<std::string> words = FoldedWords(*text);
      if (words.empty()) return Status::InvalidArgument(where + ": empty member \"" + *text + "\"");
      if (words.size() == 1) {
        group.words.push_back(std::move(words[0]));
      } else {
        group.phrases.push_back(std::move(words));
      }
    }
    const std::size_t group_index = table.groups_.size();
    for (std::size_t p = 0; p < group.phrases.size(); ++p) {
      table.by_last_word_[group.phrases[p].back()].push_back(PhraseRef{group_index, p});
      table.longest_phrase_ = std::max(table.longest_phrase_, group.phrases[p].size());
    }
    table.groups_.push_back(std::move(group));
  }
  return table;
}

}  // namespace kb::analysis
