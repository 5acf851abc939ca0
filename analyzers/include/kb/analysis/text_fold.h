// Folding: the one normal form every word is compared in, at index time and at query time.
//
// NFKC (ligatures such as U+FB01 from PDFs become "fi"), Unicode case folding, and removal of
// diacritics (ideeën -> ideeen, cliënt -> client, café -> cafe). Typographic apostrophes become
// "'". Default-ignorable characters (soft hyphens) disappear. Text of ASCII and the Latin-1
// letters that decompose (à..ÿ, À..Ý) takes a fast path that gives the same result as the ICU
// path. Thread-safe (ICU's normalizer instances are immutable).
//
// This is the only place text is folded: indexing, query preparation, snippets, the page index,
// spelling and the identifiers of names (Slug) all fold through it.
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

// `text` with its compatibility characters decomposed, its diacritics removed and the Latin
// letters without a decomposition in ASCII, case kept ("Coördinatie één" -> "Coordinatie een",
// "ﬁnanciën" -> "financien", "Łódź" -> "Lodz", "Straße" -> "Strasse"): for names shown to
// people, such as stored file names. Invalid UTF-8 is dropped.
std::string WithoutDiacritics(std::string_view text);

// Folded, then WithoutDiacritics: lower-case base letters ("Łódź" -> "lodz", "Ærø" -> "aero",
// "ĳsselmeer" -> "ijsselmeer"), the form the taggers' word scanner and Slug compare names in.
void AppendBaseLetters(std::string_view text, std::string& out);

// A name as an identifier ("Súdwest-Fryslân" -> "sudwest-fryslan", "Armoede en schulden" ->
// "armoede-en-schulden"): folded, WithoutDiacritics, every run of characters other than a-z and
// 0-9 one '-', none at either end.
std::string Slug(std::string_view name);

}  // namespace kb::analysis
