// ThemeTagger: which social-domain themes a text treats, from the taxonomy in corpus/themes.toml.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kb/core/status.h"
#include "kb/core/stored_document.h"

namespace kb::analysis {

struct Theme {
  std::string slug;
  std::string name;
  std::vector<std::string> terms;  // words and phrases that signal the theme
};

// Immutable after Load; Tag() is const and thread-safe.
class ThemeTagger {
 public:
  // Reads a taxonomy file (TOML). Errors name the file and the offending entry.
  static Result<ThemeTagger> Load(const std::filesystem::path& taxonomy_toml);

  // Themes with score >= min_score, best first.
  std::vector<ThemeTag> Tag(std::string_view text, double min_score = 0.2) const;

  const std::vector<Theme>& themes() const { return themes_; }

 private:
  std::vector<Theme> themes_;
  struct Matcher;
  std::shared_ptr<const Matcher> matcher_;
};

}  // namespace kb::analysis
