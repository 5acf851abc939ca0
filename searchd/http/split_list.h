// A list in one string ("a, b , c"): its items, trimmed of spaces and tabs, empty ones dropped.
// Header lists (Accept-Encoding, If-None-Match) and author fields both need it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kb::http {

inline std::string TrimSpaces(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

inline std::vector<std::string> SplitList(std::string_view text, char separator) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    if (std::string item = TrimSpaces(text.substr(start, end - start)); !item.empty()) {
      out.push_back(std::move(item));
    }
    start = end + 1;
  }
  return out;
}

}  // namespace kb::http
