// Folding: the one normal form every word is compared in, at index time and at query time.
//
// NFKC (ligatures such as U+FB01 from PDFs become "fi"), Unicode case folding, and removal of
// diacritics (ideeën -> ideeen, cliënt -> client, café -> cafe). Typographic apostrophes become
// "'". Default-ignorable characters (soft hyphens) disappear. Pure ASCII takes a fast path that
// gives the same result as the ICU path. Thread-safe (ICU's normalizer instances are immutable).
#pragma once

#include <string>
#include <string_view>

namespace kb::analysis {

// Appends the folded form of `text` (UTF-8; invalid bytes are dropped) to `out`.
void AppendFolded(std::string_view text, std::string& out);

inline std::string Folded(std::string_view text) {
  std::string out;
  AppendFolded(text, out);
  return out;
}

}  // namespace kb::analysis
