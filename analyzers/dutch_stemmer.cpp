#include "dutch_stemmer.h"

#include <array>

#include "analysis_resources.h"
#include "kb/analysis/text_fold.h"
#include "kb/core/schema.h"

namespace kb::analysis {
namespace {

constexpr std::size_t kMinBase = 3;

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool IsConsonant(char c) { return c >= 'a' && c <= 'z' && !IsVowel(c); }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Singular candidates for a plural in -en, most specific first.
void EnCandidates(std::string_view base, std::array<std::string, 5>& out, std::size_t& count) {
  count = 0;
  const std::size_t n = base.size();
  const char last = base[n - 1];
  if (last == 'e') {  // gemeenten, ideeen (ideeën), knieen
    out[count++] = std::string(base);
    return;
  }
  if (n >= 2 && last == base[n - 2] && IsConsonant(last)) {  // bussen -> bus
    out[count++] = std::string(base.substr(0, n - 1));
  }
  std::string devoiced(base);
  if (last == 'v') devoiced.back() = 'f';  // brieven -> brief
  if (last == 'z') devoiced.back() = 's';  // huizen -> huis
  // Open syllable: "aken" -> "aak", "kazen" -> "kaas", "bomen" -> "boom".
  if (n >= 3 && IsConsonant(last) && IsVowel(base[n - 2]) && !IsVowel(base[n - 3]) &&
      base[n - 2] != 'i') {
    std::string doubled = devoiced;
    doubled.insert(doubled.begin() + static_cast<std::ptrdiff_t>(n - 1), base[n - 2]);
    out[count++] = std::move(doubled);
  }
  if (devoiced != base) out[count++] = devoiced;
  out[count++] = std::string(base);  // boeken -> boek
}

}  // namespace

DutchStemmer::DutchStemmer(std::shared_ptr<const AnalysisResources> resources)
    : resources_(std::move(resources)), porter_(std::string(schema::kStemmerName)) {}

std::string DutchStemmer::Stem(std::string_view folded_word) {
  if (const std::string* fixed = FixedStem(folded_word)) return *fixed;
  return porter_(BaseForm(folded_word));
}

const std::string* DutchStemmer::FixedStem(std::string_view w) const {
  const auto& fixed = resources_->fixed_stems;
  if (auto it = fixed.find(w); it != fixed.end()) return &it->second;
  if (auto verb = resources_->verb_to_infinitive.find(w);
      verb != resources_->verb_to_infinitive.end()) {
    if (auto it = fixed.find(verb->second); it != fixed.end()) return &it->second;
  }
  return nullptr;
}

std::string DutchStemmer::BaseForm(std::string_view w) const {
  const auto& overrides = resources_->plural_to_singular;
  if (auto it = overrides.find(w); it != overrides.end()) return it->second;
  // A verb form stems as its infinitive does (which may itself pass the plural rule:
  // "gewezen" -> "wijzen" -> "wijs", as "wijzen" alone does).
  if (auto it = resources_->verb_to_infinitive.find(w);
      it != resources_->verb_to_infinitive.end()) {
    return NounBaseForm(it->second);
  }
  return NounBaseForm(w);
}

std::string DutchStemmer::NounBaseForm(std::string_view w) const {
  const auto& overrides = resources_->plural_to_singular;
  const auto& lexicon = resources_->lexicon;
  if (auto it = overrides.find(w); it != overrides.end()) return it->second;
  const std::size_t n = w.size();
  if (n >= 4 && EndsWith(w, "'s")) return std::string(w.substr(0, n - 2));  // auto's
  if (n >= kMinBase + 2 && EndsWith(w, "en")) {
    std::array<std::string, 5> candidates;
    std::size_t count = 0;
    EnCandidates(w.substr(0, n - 2), candidates, count);
    for (std::size_t i = 0; i < count; ++i) {
      if (candidates[i].size() >= kMinBase && lexicon.contains(candidates[i])) {
        return candidates[i];
      }
    }
    if (n >= kMinBase + 4 && EndsWith(w, "eren") && lexicon.contains(w.substr(0, n - 4))) {
      return std::string(w.substr(0, n - 4));  // kinderen -> kind
    }
  } else if (n >= kMinBase + 1 && w.back() == 's') {
    // -s plurals follow unstressed -e, -el, -em, -en, -er and -je: "ouders", "ziektes".
    const std::string_view base = w.substr(0, n - 1);
    const char last = base.back();
    if ((last == 'e' || last == 'l' || last == 'm' || last == 'n' || last == 'r') &&
        lexicon.contains(base)) {
      return std::string(base);
    }
  }
  // The head of a compound may be an irregular plural: "stiefkinderen" -> "stief" + "kind".
  for (std::size_t i = kMinBase; i + 4 <= n; ++i) {
    if ((static_cast<unsigned char>(w[i]) & 0xC0) == 0x80) continue;  // inside a UTF-8 char
    if (auto it = overrides.find(w.substr(i)); it != overrides.end()) {
      return std::string(w.substr(0, i)) + it->second;
    }
  }
  return std::string(w);
}

namespace {

class DutchStemImplementation : public Xapian::StemImplementation {
 public:
  explicit DutchStemImplementation(std::shared_ptr<const AnalysisResources> resources)
      : stemmer_(std::move(resources)) {}
  // QueryParser lower-cases but does not fold diacritics, so fold here too.
  std::string operator()(const std::string& word) override { return stemmer_.Stem(Folded(word)); }
  std::string get_description() const override { return "kb-dutch(dutch+overrides)"; }

 private:
  DutchStemmer stemmer_;
};

}  // namespace

Xapian::Stem MakeXapianStem(std::shared_ptr<const AnalysisResources> resources) {
  // Xapian::Stem takes ownership of the implementation (intrusive reference count).
  return Xapian::Stem(new DutchStemImplementation(std::move(resources)));
}

}  // namespace kb::analysis
