// Word segmentation for Dutch text, shared by indexing and query preparation.
//
// A word is a run of letters, digits and combining marks. Inside a word we keep an apostrophe
// between letters ("auto's"), and "." or "," between digits ("1.000", "3,5"), so numbers and
// plurals survive. Hyphens split words but are reported: "POH-Jeugd" gives "POH" and "Jeugd"
// (the second `joined`), and "jeugd- en gezinsbeleid" marks "jeugd" as `dangling` so the
// caller can expand the elided compound. Soft hyphens are kept inside the word (folding removes
// them). Words longer than kMaxWordBytes are skipped: they are never useful index terms.
#pragma once

#include <cstddef>
#include <string_view>

namespace kb::analysis {

struct Token {
  std::string_view text;   // the raw (unfolded) word, a view into the input
  std::size_t offset = 0;  // byte offset of the word in the input
  bool joined = false;     // a hyphen joins it to the previous word, without spaces
  bool dangling = false;   // followed by a hyphen and then a space or comma: "jeugd- en"
};

class Tokenizer {
 public:
  static constexpr std::size_t kMaxWordBytes = 64;

  explicit Tokenizer(std::string_view text) : text_(text) {}

  // Fills `token` with the next word; false at the end of the text.
  bool Next(Token& token);

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  bool hyphen_before_ = false;  // the previous word ended in a joining hyphen
};

}  // namespace kb::analysis
