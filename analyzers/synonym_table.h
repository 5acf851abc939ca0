// The synonym and abbreviation table of corpus/synonyms.toml.
//
// File format (TOML), one entry per concept:
//
//   [synonyms]
//   wmo = ["wet maatschappelijke ondersteuning", "wmo 2015"]
//   jeugdzorg = ["jeugdhulp"]
//
// The key is the concept's canonical single word (hyphens allowed: "poh-ggz" stands for the
// word "pohggz", which is how a hyphenated word is indexed as a whole); the values are words or
// phrases meaning the same. Everything is folded and tokenised with the analysis pipeline.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "kb/core/status.h"
#include "word_set.h"

namespace kb::analysis {

struct SynonymGroup {
  std::string canonical;                          // folded single word
  std::vector<std::string> words;                 // single-word members, canonical first
  std::vector<std::vector<std::string>> phrases;  // multi-word members, as folded words
};

class SynonymTable {
 public:
  // Errors name the file and the offending entry.
  static Result<SynonymTable> Load(const std::filesystem::path& path);

  const std::vector<SynonymGroup>& groups() const { return groups_; }

  // For index-time phrase detection: (group index, phrase index) of every phrase, keyed by the
  // phrase's last word.
  struct PhraseRef {
    std::size_t group;
    std::size_t phrase;
  };
  const WordMap<std::vector<PhraseRef>>& phrases_by_last_word() const { return by_last_word_; }
  std::size_t longest_phrase() const { return longest_phrase_; }

 private:
  std::vector<SynonymGroup> groups_;
  WordMap<std::vector<PhraseRef>> by_last_word_;
  std::size_t longest_phrase_ = 0;
};

// The folded words of `text`, split at spaces and hyphens, as the indexer sees them.
std::vector<std::string> FoldedWords(std::string_view text);

}  // namespace kb::analysis
