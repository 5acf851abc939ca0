// ThemeTagger: which social-domain themes a text treats, from the taxonomy in corpus/themes.toml.
//
// A theme has terms: words and phrases written by editors (the file's header documents the
// format). Matching is on folded words (case and diacritics ignored), phrase by phrase; a word
// ending in '*' matches every word starting with it ("jeugdhulp*" finds "jeugdhulpverlening"), and
// the last word of a term without '*' also matches its common Dutch inflections (+s, +e, +en, +n,
// and "eenzaam" -> "eenzame", "gezin" -> "gezinnen"). Overlapping matches of one theme count once.
//
// Score: the weighted hits per thousand words, with a floor of kLengthFloor words so that one hit
// in a short sentence does not count as much as a document full of them, squashed to [0, 1) by
// 1 - exp(-density / kDensityScale). A theme hit by a single distinct term is damped, so that a
// document needs more than one way of naming a theme to reach a high score.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/core/status.h"
#include "kb/core/stored_document.h"

namespace kb::analysis {

class PhraseMatcher;

struct ThemeTerm {
  std::string text;     // as the editor wrote it, e.g. "jeugdhulp*" or "wijkteam"
  double weight = 1.0;  // "core" terms weigh 3, "related" terms 1 unless the file says otherwise
};

struct Theme {
  std::string slug;         // filter key, [a-z0-9-], e.g. "armoede-en-schulden"
  std::string name;         // Dutch display name
  std::string description;  // one line for editors and the UI
  std::vector<ThemeTerm> terms;
};

// Immutable after Load; Tag() is const and thread-safe. Cheap to copy (the matcher is shared).
class ThemeTagger {
 public:
  static constexpr double kLengthFloor = 150;  // words
  static constexpr double kDensityScale = 12;  // weighted hits per 1000 words for score 0.63
  static constexpr double kSingleTermDamping = 0.6;

  // Reads a taxonomy file (TOML). NotFound when the file cannot be read; InvalidArgument, naming
  // the file and the theme, on a syntax error, a missing slug/name, a duplicate slug, a bad slug or
  // a theme without terms.
  static Result<ThemeTagger> Load(const std::filesystem::path& taxonomy_toml);

  // Themes with score >= min_score, best first (ties by slug).
  std::vector<ThemeTag> Tag(std::string_view text, double min_score = 0.2) const;

  const std::vector<Theme>& themes() const { return themes_; }

 private:
  std::vector<Theme> themes_;
  std::shared_ptr<const PhraseMatcher> matcher_;  // phrase id: index into term_theme_weight_
  std::vector<std::pair<std::uint32_t, double>> term_theme_weight_;  // per phrase id
};

}  // namespace kb::analysis
