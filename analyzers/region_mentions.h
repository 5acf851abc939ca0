// Region mentions: every place a text names, judged by RegionTagger's rules 1-6 (region_tagger.h).
// Shared by the sentence-level tagger (region_tagger.cpp) and the document-level decision of what
// a document is about (region_aboutness.cpp). Internal to kb_analysis.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "gazetteer.h"
#include "phrase_matcher.h"
#include "word_scanner.h"

namespace kb::analysis::regions {

// A short fixed list of folded words.
using WordSet = std::array<std::string_view, 32>;

template <std::size_t N>
bool In(const std::array<std::string_view, N>& set, std::string_view word) {
  return !word.empty() && std::find(set.begin(), set.end(), word) != set.end();
}

constexpr WordSet kMonths = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                             "juli",    "augustus", "september", "oktober", "november", "december"};

enum class Meaning { kNone, kGemeente, kProvincie };

struct Mention {
  std::size_t pos = 0;     // index of the name's first word
  std::size_t length = 0;  // words in the name
  std::uint32_t name = 0;  // index into Gazetteer::names()
  bool accepted = false;
  bool pending = false;         // a word name waiting for a listed neighbour
  bool compass_prefix = false;  // "Oost-Groningen"
  bool family_name = false;     // rejected as a person's family name ("Reinier van Zutphen")
  Meaning meaning = Meaning::kNone;
};

// Every name in `words`, the longest at each position, not overlapping (not judged yet).
std::vector<Mention> CandidateMentions(const std::vector<ScannedWord>& words,
                                       const PhraseMatcher& matcher);

// Every candidate judged by rules 1-5: `accepted` set, with its meaning, or not.
std::vector<Mention> JudgedMentions(const std::vector<ScannedWord>& words,
                                    const PhraseMatcher& matcher, const Gazetteer& gazetteer);

// The accepted mentions of JudgedMentions, in text order.
std::vector<Mention> AcceptedMentions(const std::vector<ScannedWord>& words,
                                      const PhraseMatcher& matcher, const Gazetteer& gazetteer);

}  // namespace kb::analysis::regions
