// GuessLanguage: a stopword profile per language. Each list holds frequent function words that
// are rare in the other three languages ("de", "in", "is", "en" are shared and left out, and so
// is English "of", which is Dutch for "or"), so a hit is evidence for one language only.
#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "kb/extract/metadata.h"
#include "text_scan.h"

namespace kb::extract {
namespace {

constexpr std::size_t kScanBytes = 20000;
constexpr std::size_t kMinHits = 5;

struct Profile {
  std::string_view code;
  std::array<std::string_view, 16> words;
};

constexpr std::array<Profile, 4> kProfiles{{
    {"nl",
     {"het", "een", "van", "niet", "voor", "zijn", "ook", "maar", "naar", "wordt", "worden", "deze",
      "heeft", "bij", "aan", "wel"}},
    {"fy",
     {"fan", "it", "yn", "mei", "net", "foar", "troch", "wurde", "hawwe", "binne", "dizze", "wie",
      "hat", "ek", "sûnder", "wurdt"}},
    {"en",
     {"the", "on", "and", "to", "that", "for", "with", "was", "are", "this", "be", "by", "from",
      "have", "which", "not"}},
    {"de",
     {"der", "und", "das", "ist", "nicht", "mit", "den", "von", "zu", "ein", "eine", "sich", "auf",
      "dem", "des", "auch"}},
}};

}  // namespace

std::string GuessLanguage(std::string_view text) {
  const auto words = scan::LowerWords(text.substr(0, kScanBytes));
  std::array<std::size_t, kProfiles.size()> hits{};
  for (const auto& word : words) {
    for (std::size_t i = 0; i < kProfiles.size(); ++i) {
      const auto& list = kProfiles[i].words;
      if (std::find(list.begin(), list.end(), word) != list.end()) ++hits[i];
    }
  }
  const auto best = std::max_element(hits.begin(), hits.end());
  if (*best < kMinHits) return "nl";
  return std::string(kProfiles[static_cast<std::size_t>(best - hits.begin())].code);
}

}  // namespace kb::extract
