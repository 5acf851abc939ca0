#include "kb/analysis/theme_tagger.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "phrase_matcher.h"
#include "word_scanner.h"

namespace kb::analysis {
namespace {

constexpr double kCoreWeight = 3.0;
constexpr double kRelatedWeight = 1.0;

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// The word and the inflected forms a Dutch noun or adjective commonly takes in running text.
// Over-generation is harmless: a form that is not a word never occurs.
std::vector<std::string> Inflections(const std::string& word) {
  std::vector<std::string> forms{word};
  if (word.size() < 4 || word.back() == '*') return forms;
  for (const char* suffix : {"s", "e", "en", "n", "er"}) forms.push_back(word + suffix);
  const std::size_t n = word.size();
  const char last = word[n - 1];
  if (!IsVowel(last)) {
    // eenzaam -> eenzame(n), oud -> (nothing), gezin -> gezinnen
    if (IsVowel(word[n - 2]) && word[n - 2] == word[n - 3] && !IsVowel(word[n - 4])) {
      const std::string shortened = word.substr(0, n - 2) + last;
      forms.push_back(shortened + "e");
      forms.push_back(shortened + "en");
    } else if (IsVowel(word[n - 2]) && !IsVowel(word[n - 3])) {
      forms.push_back(word + last + "en");
      forms.push_back(word + last + "e");
    }
  }
  // -heid -> -heden
  if (word.ends_with("heid")) forms.push_back(word.substr(0, n - 3) + "eden");
  return forms;
}

bool ValidSlug(std::string_view slug) {
  return !slug.empty() && std::all_of(slug.begin(), slug.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// Reads one array of terms ("core" or "related") of a theme.
Status ReadTerms(const toml::table& entry, std::string_view key, double weight,
                 const std::string& where, Theme* theme) {
  const toml::node* node = entry.get(key);
  if (node == nullptr) return Status::Ok();
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    return Status::InvalidArgument(where + ": '" + std::string(key) +
                                   "' must be a list of strings, like [\"jeugdhulp*\"]");
  }
  for (const toml::node& item : *array) {
    std::optional<std::string> text = item.value<std::string>();
    if (!text || FoldPhrase(*text).empty()) {
      return Status::InvalidArgument(where + ": every entry of '" + std::string(key) +
                                     "' must be a non-empty string with at least one word");
    }
    theme->terms.push_back(ThemeTerm{*text, weight});
  }
  return Status::Ok();
}

Result<Theme> ReadTheme(const toml::table& entry, const std::string& where) {
  Theme theme;
  theme.slug = entry["slug"].value_or(std::string());
  theme.name = entry["name"].value_or(std::string());
  theme.description = entry["description"].value_or(std::string());
  if (!ValidSlug(theme.slug)) {
    return Status::InvalidArgument(where + ": 'slug' must be set and use only a-z, 0-9 and '-'");
  }
  const std::string named = where + " (" + theme.slug + ")";
  if (theme.name.empty()) return Status::InvalidArgument(named + ": 'name' is missing");
  const double core_weight = entry["core_weight"].value_or(kCoreWeight);
  const double related_weight = entry["related_weight"].value_or(kRelatedWeight);
  if (Status s = ReadTerms(entry, "core", core_weight, named, &theme); !s.ok()) return s;
  if (Status s = ReadTerms(entry, "related", related_weight, named, &theme); !s.ok()) return s;
  if (theme.terms.empty()) {
    return Status::InvalidArgument(named + ": give at least one term in 'core' or 'related'");
  }
  return theme;
}

}  // namespace

Result<ThemeTagger> ThemeTagger::Load(const std::filesystem::path& taxonomy_toml) {
  const std::string file = taxonomy_toml.string();
  std::error_code error;
  if (!std::filesystem::is_regular_file(taxonomy_toml, error)) {
    return Status::NotFound("theme taxonomy " + file +
                            " does not exist; point the configuration at corpus/themes.toml");
  }
  toml::table root;
  try {
    root = toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    return Status::InvalidArgument("theme taxonomy " + file + ":" + std::to_string(begin.line) +
                                   ":" + std::to_string(begin.column) + ": " +
                                   std::string(e.description()));
  }
  const toml::array* entries = root["theme"].as_array();
  if (entries == nullptr || entries->empty()) {
    return Status::InvalidArgument("theme taxonomy " + file +
                                   " has no [[theme]] entries; see the format at its top");
  }
  ThemeTagger tagger;
  auto matcher = std::make_shared<PhraseMatcher>();
  std::set<std::string> slugs;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const std::string where = file + ": theme " + std::to_string(i + 1);
    const toml::table* entry = entries->get(i)->as_table();
    if (entry == nullptr) return Status::InvalidArgument(where + " is not a table");
    Result<Theme> theme = ReadTheme(*entry, where);
    if (!theme.ok()) return theme.status();
    if (!slugs.insert(theme->slug).second) {
      return Status::InvalidArgument(where + ": slug '" + theme->slug + "' is used twice");
    }
    const auto theme_index = static_cast<std::uint32_t>(tagger.themes_.size());
    for (const ThemeTerm& term : theme->terms) {
      const auto id = static_cast<std::uint32_t>(tagger.term_theme_weight_.size());
      tagger.term_theme_weight_.emplace_back(theme_index, term.weight);
      std::vector<std::string> words = FoldPhrase(term.text);
      const std::string last = words.back();
      for (const std::string& form : Inflections(last)) {
        words.back() = form;
        matcher->Add(words, id);
      }
    }
    tagger.themes_.push_back(std::move(theme).value());
  }
  tagger.matcher_ = std::move(matcher);
  return tagger;
}

std::vector<ThemeTag> ThemeTagger::Tag(std::string_view text, double min_score) const {
  std::vector<ThemeTag> tags;
  if (!matcher_) return tags;
  const std::vector<ScannedWord> words = ScanWords(text);
  const std::size_t theme_count = themes_.size();
  std::vector<double> weight(theme_count, 0.0);
  std::vector<std::size_t> covered_until(theme_count, 0);  // overlapping hits count once
  std::vector<std::set<std::uint32_t>> distinct(theme_count);
  std::vector<double> best_here(theme_count, 0.0);
  std::vector<std::size_t> best_length(theme_count, 0);
  std::vector<std::uint32_t> best_term(theme_count, 0);
  std::vector<std::uint32_t> touched;
  for (std::size_t pos = 0; pos < words.size(); ++pos) {
    touched.clear();
    matcher_->MatchAt(words, pos, [&](std::uint32_t id, std::size_t length) {
      const auto [theme, w] = term_theme_weight_[id];
      if (covered_until[theme] > pos) return;
      if (best_here[theme] == 0.0) touched.push_back(theme);
      if (w > best_here[theme] || (w == best_here[theme] && length > best_length[theme])) {
        best_here[theme] = w;
        best_length[theme] = length;
        best_term[theme] = id;
      }
    });
    for (std::uint32_t theme : touched) {
      weight[theme] += best_here[theme];
      covered_until[theme] = pos + best_length[theme];
      distinct[theme].insert(best_term[theme]);
      best_here[theme] = 0.0;
      best_length[theme] = 0;
    }
  }
  const double length = std::max<double>(static_cast<double>(words.size()), kLengthFloor);
  for (std::size_t t = 0; t < theme_count; ++t) {
    if (weight[t] == 0.0) continue;
    const double density = weight[t] * 1000.0 / length;
    double score = 1.0 - std::exp(-density / kDensityScale);
    if (distinct[t].size() == 1) score *= kSingleTermDamping;
    if (score >= min_score) tags.push_back(ThemeTag{themes_[t].slug, themes_[t].name, score});
  }
  std::sort(tags.begin(), tags.end(), [](const ThemeTag& a, const ThemeTag& b) {
    return a.score != b.score ? a.score > b.score : a.slug < b.slug;
  });
  return tags;
}

}  // namespace kb::analysis
