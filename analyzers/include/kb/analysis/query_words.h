// Query words: the user's query string as words and the syntax between them.
//
// Xapian's QueryParser understands the syntax (phrases, AND/OR/NOT, +/-, prefixes, trailing '*');
// this file finds the words in it with the Tokenizer that indexing uses, tells operators, field
// names, wildcards and numbers apart (the spelling corrector touches none of them), and turns
// the Dutch operators EN/OF/NIET into AND/OR/NOT. Analyzer::PrepareQuery folds the words.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kb::analysis {

// The field names of the query syntax (lower case); kb-searchd maps each to its term prefix
// (searcher.cpp: titel/title -> title words, auteur -> authors).
inline constexpr std::string_view kQueryFields[] = {"titel", "title", "auteur"};

struct QueryWord {
  std::size_t begin = 0;  // byte offsets into the query
  std::size_t end = 0;
  bool is_operator = false;  // AND, OR, NOT, XOR, NEAR, ADJ and Dutch EN, OF, NIET (upper case)
  // A field name of the syntax (kQueryFields) with ':' and a term right after it ("titel:wmo");
  // "inzet: de raad" in a question is a word and punctuation.
  bool is_field = false;
  bool is_wildcard = false;  // followed by '*'
  bool is_number = false;    // no letters: "2019", "1.000"
  bool correctable() const { return !is_operator && !is_field && !is_wildcard && !is_number; }
};

// The words of `query`, as the Tokenizer finds them (hyphens split, "auto's" is one word).
std::vector<QueryWord> ScanQueryWords(std::string_view query);

// True when a word starts at the first byte of `text` ("+jeugd", not "+ jeugd" or "+-").
bool StartsWithWord(std::string_view text);

// The Xapian operator a query word stands for ("EN" -> "AND", "AND" -> "AND"); empty for a word
// that is none. Operators are written in capitals.
std::string_view XapianOperator(std::string_view word);

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

}  // namespace kb::analysis
