// Query words (query_words.h).
#include "kb/analysis/query_words.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>
#include <string>
#include <utility>

#include "kb/analysis/tokenizer.h"

namespace kb::analysis {
namespace {

// Dutch and Xapian operator words and the Xapian operator each stands for.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kOperators = {{
    {"AND", "AND"},
    {"OR", "OR"},
    {"NOT", "NOT"},
    {"XOR", "XOR"},
    {"NEAR", "NEAR"},
    {"ADJ", "ADJ"},
    {"EN", "AND"},
    {"OF", "OR"},
    {"NIET", "NOT"},
}};

std::string Lower(std::string_view word) {
  std::string out(word);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string_view XapianOperator(std::string_view word) {
  for (const auto& [written, xapian] : kOperators) {
    if (word == written) return xapian;
  }
  return {};
}

std::vector<QueryWord> ScanQueryWords(std::string_view query) {
  std::vector<QueryWord> words;
  Tokenizer tokenizer(query);
  for (Token token; tokenizer.Next(token);) {
    QueryWord w;
    w.begin = token.offset;
    w.end = token.offset + token.text.size();
    const char next = w.end < query.size() ? query[w.end] : '\0';
    w.is_operator = !XapianOperator(token.text).empty();
    // "titel:jeugd" is a field; "inzet: de raad" (a question's colon) and "foo:bar" are not.
    const char after = w.end + 1 < query.size() ? query[w.end + 1] : '\0';
    w.is_field = next == ':' && after != '\0' && after != ' ' && after != '\t' &&
                 std::find(std::begin(kQueryFields), std::end(kQueryFields), Lower(token.text)) !=
                     std::end(kQueryFields);
    w.is_wildcard = next == '*';
    w.is_number = std::none_of(token.text.begin(), token.text.end(), [](char c) {
      return std::isalpha(static_cast<unsigned char>(c)) != 0 ||
             static_cast<unsigned char>(c) >= 0x80;
    });
    words.push_back(w);
  }
  return words;
}

bool StartsWithWord(std::string_view text) {
  Tokenizer tokenizer(text);
  Token token;
  return tokenizer.Next(token) && token.offset == 0;
}

std::string RewriteQuery(
    std::string_view query,
    const std::function<std::string(const QueryWord&, std::string_view)>& rewrite,
    OperatorWords operators) {
  std::string out;
  out.reserve(query.size() + 8);
  std::size_t done = 0;
  for (const QueryWord& w : ScanQueryWords(query)) {
    out.append(query.substr(done, w.begin - done));
    const std::string_view text = query.substr(w.begin, w.end - w.begin);
    if (w.is_operator) {
      out.append(operators == OperatorWords::kToXapian ? XapianOperator(text) : text);
    } else if (w.is_field) {
      out.append(text);
    } else {
      out.append(rewrite(w, text));
    }
    done = w.end;
  }
  out.append(query.substr(done));
  return out;
}

}  // namespace kb::analysis
