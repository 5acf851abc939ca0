#include "kb/search/query_text.h"

#include <array>
#include <cctype>
#include <utility>

namespace kb::search {

namespace {

// Dutch operator words and the Xapian operator each stands for.
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

std::string_view OperatorFor(std::string_view word) {
  for (const auto& [dutch, xapian] : kOperators) {
    if (word == dutch) return xapian;
  }
  return {};
}

}  // namespace

std::vector<QueryWord> ScanQueryWords(std::string_view query) {
  std::vector<QueryWord> words;
  size_t i = 0;
  while (i < query.size()) {
    if (!IsWordByte(static_cast<unsigned char>(query[i]))) {
      ++i;
      continue;
    }
    QueryWord w;
    w.begin = i;
    bool digits = true;
    while (i < query.size() && IsWordByte(static_cast<unsigned char>(query[i]))) {
      digits = digits && std::isdigit(static_cast<unsigned char>(query[i]));
      ++i;
    }
    w.end = i;
    const std::string_view text = query.substr(w.begin, w.end - w.begin);
    w.is_operator = !OperatorFor(text).empty();
    w.is_field = i < query.size() && query[i] == ':';
    w.is_wildcard = i < query.size() && query[i] == '*';
    w.is_number = digits;
    words.push_back(w);
  }
  return words;
}

std::string RewriteQuery(
    std::string_view query,
    const std::function<std::string(const QueryWord&, std::string_view)>& rewrite,
    OperatorWords operators) {
  std::string out;
  out.reserve(query.size() + 8);
  size_t done = 0;
  for (const QueryWord& w : ScanQueryWords(query)) {
    out.append(query.substr(done, w.begin - done));
    const std::string_view text = query.substr(w.begin, w.end - w.begin);
    if (w.is_operator) {
      out.append(operators == OperatorWords::kToXapian ? OperatorFor(text) : text);
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

std::string FoldWord(std::string_view word) {
  // U+00C0..U+00FF without their diacritics; '-' where a letter has no plain form.
  static constexpr char kFold[] =
      "aaaaaaaceeeeiiiidnooooo-ouuuuyts"
      "aaaaaaaceeeeiiiidnooooo-ouuuuyty";
  std::string out;
  out.reserve(word.size());
  for (size_t i = 0; i < word.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
    } else if (c == 0xC3 && i + 1 < word.size()) {
      const unsigned char d = static_cast<unsigned char>(word[i + 1]);
      if (d >= 0x80 && d <= 0xBF && kFold[d - 0x80] != '-') {
        out.push_back(kFold[d - 0x80]);
        ++i;
      } else {
        out.push_back(word[i]);
      }
    } else {
      out.push_back(word[i]);
    }
  }
  return out;
}

}  // namespace kb::search
