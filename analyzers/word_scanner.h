// WordScanner: splits UTF-8 text into folded words for the taggers, keeping what the region rules
// need to know about each word's surroundings (capitals, sentence starts, hyphen joins).
//
// Folding is lower-casing plus removal of diacritics for the Latin letters Dutch uses ("Fryslân" ->
// "fryslan", "cliënt" -> "client", "ĳ" -> "ij"). Letters and digits form words; everything else
// (spaces, punctuation, apostrophes, hyphens) separates them; a dash between spaces (" - ") ends
// a sentence like a full stop does, as it does in flattened lists, so "'s-Gravenhage" is the two
// words "s" "gravenhage" and a tagger phrase is matched as the same word sequence. Invalid UTF-8
// bytes are treated as separators. This is deliberately cheaper than the full ICU pipeline in
// analyzer.h: the taggers scan whole documents and need byte offsets, not index terms.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kb::analysis {

struct ScannedWord {
  std::string folded;           // lower-case, without diacritics
  std::uint32_t begin = 0;      // byte offset of the first byte in the source text
  std::uint32_t end = 0;        // byte offset one past the last byte
  bool capitalised = false;     // the first letter is upper-case in the source
  bool all_caps = false;        // every letter is upper-case ("GGD", "EDE")
  bool sentence_start = false;  // first word of the text, a sentence, a heading or a list item
  bool hyphen_before = false;   // glued to the previous word by a hyphen: "Ede-Wageningen"
  bool space_before = false;  // only spaces (no punctuation, no line break) since the previous word
};

// The words of `text` in order. Texts over 4 GiB are cut at 4 GiB (offsets are 32-bit).
std::vector<ScannedWord> ScanWords(std::string_view text);

// The folded form of a term or name written by an editor, as a word sequence ("Jeugd- en
// gezinsteam" -> {"jeugd", "en", "gezinsteam"}). A trailing '*' on a word is kept: the taggers read
// it as "any word starting with this".
std::vector<std::string> FoldPhrase(std::string_view phrase);

}  // namespace kb::analysis
