// QueryText: the user's query string as words and the syntax between them.
//
// Xapian's QueryParser understands the syntax (phrases, AND/OR/NOT, +/-, prefixes, trailing '*');
// this file only prepares the text for it: Dutch operators EN/OF/NIET become AND/OR/NOT, and
// words are folded like the index folds them. It also tells the spelling corrector which words
// it may touch (not operators, field names, wildcards or numbers).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kb::search {

struct QueryWord {
  size_t begin = 0;  // byte offsets into the query
  size_t end = 0;
  bool is_operator = false;  // AND, OR, NOT, XOR, NEAR, ADJ and Dutch EN, OF, NIET (upper case)
  bool is_field = false;     // followed by ':' (e.g. "titel:")
  bool is_wildcard = false;  // followed by '*'
  bool is_number = false;    // digits only
  bool correctable() const { return !is_operator && !is_field && !is_wildcard && !is_number; }
};

// Word bytes: ASCII letters and digits, and every byte of a non-ASCII UTF-8 sequence. The same
// rule splits queries, snippets and page indexes, so they agree on what a word is.
inline bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// The words of `query`: runs of ASCII letters and digits and any non-ASCII UTF-8 bytes.
std::vector<QueryWord> ScanQueryWords(std::string_view query);

enum class OperatorWords {
  kToXapian,  // EN/OF/NIET become AND/OR/NOT (for the QueryParser)
  kKeep,      // as the user wrote them (for a corrected query shown to the user)
};

// Rebuilds `query` with every word except operators and field names passed through `rewrite`.
// The syntax between words is kept.
std::string RewriteQuery(
    std::string_view query,
    const std::function<std::string(const QueryWord&, std::string_view)>& rewrite,
    OperatorWords operators = OperatorWords::kToXapian);

// Folds a word cheaply: ASCII lower case and Latin-1 letters without diacritics ("Cliënten" ->
// "clienten"). Used where every word of a page is looked at and a full ICU fold costs too much.
std::string FoldWord(std::string_view word);

}  // namespace kb::search
