// Markdown to plain text. Not a Markdown renderer: it removes markup a reader would not see
// and keeps every word a reader would, which is what indexing needs.
#include "markdown_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "text_scan.h"

namespace kb::extract {
namespace {

// Longest HTML tag we strip; a '<' without a '>' this close is a literal.
constexpr std::size_t kMaxTagBytes = 2000;

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && scan::IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && scan::IsAsciiSpace(s.front())) s.remove_prefix(1);
  return s;
}

std::string_view Trim(std::string_view s) { return TrimLeft(TrimRight(s)); }

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::string Unquote(std::string_view value) {
  value = Trim(value);
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front()) {
    value = value.substr(1, value.size() - 2);
  }
  return std::string(value);
}

// "key: value" at column 0; false for anything else.
bool SplitKeyValue(std::string_view line, std::string* key, std::string_view* value) {
  if (line.empty() || scan::IsAsciiSpace(line.front()) || line.front() == '-' ||
      line.front() == '#') {
    return false;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  for (const char c : line.substr(0, colon)) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_' && c != '-') return false;
  }
  *key = scan::ToLowerAscii(line.substr(0, colon));
  *value = Trim(line.substr(colon + 1));
  return true;
}

// A flat reading of YAML front matter: top-level scalars, block scalars and simple lists.
std::map<std::string, std::string> ParseFrontMatter(const std::vector<std::string_view>& lines) {
  std::map<std::string, std::string> values;
  std::size_t i = 0;
  while (i < lines.size()) {
    std::string key;
    std::string_view value;
    if (!SplitKeyValue(lines[i], &key, &value)) {
      ++i;
      continue;
    }
    ++i;
    const bool block = !value.empty() && (value.front() == '|' || value.front() == '>');
    if (!value.empty() && !block) {
      values[key] = Unquote(value);
      continue;
    }
    // Indented continuation: a block scalar's lines, or list items ("- a").
    std::string joined;
    while (i < lines.size() && (lines[i].empty() || scan::IsAsciiSpace(lines[i].front()) ||
                                (!block && lines[i].front() == '-'))) {
      const std::string_view item = Trim(lines[i]);
      ++i;
      if (block) {
        joined.append(item).push_back('\n');
      } else if (item.size() > 1 && item.front() == '-') {
        if (!joined.empty()) joined.append("; ");
        joined.append(Unquote(item.substr(1)));
      }
    }
    values[key] = std::string(TrimRight(joined));
  }
  return values;
}

// Removes every span from `open` to the next `close` (inclusive), across lines.
std::string RemoveSpans(std::string_view text, std::string_view open, std::string_view close) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = text.find(open, pos);
    if (start == std::string_view::npos) break;
    const std::size_t end = text.find(close, start + open.size());
    if (end == std::string_view::npos) break;
    out.append(text.substr(pos, start - pos));
    pos = end + close.size();
  }
  out.append(text.substr(std::min(pos, text.size())));
  return out;
}

bool IsInlineTag(std::string_view tag) {
  std::string name;
  for (const char c : tag.substr(tag.size() > 1 && tag[1] == '/' ? 2 : 1)) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) break;
    name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  constexpr std::array<std::string_view, 12> kInline{
      "em", "strong", "b", "i", "u", "a", "span", "sup", "sub", "abbr", "font", "mark"};
  for (const auto inline_name : kInline) {
    if (name == inline_name) return true;
  }
  return false;
}

// Removes HTML tags (also autolinks like <https://…>); block tags leave a space behind.
std::string StripTags(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const bool tag_start = c == '<' && i + 1 < text.size() &&
                           (std::isalpha(static_cast<unsigned char>(text[i + 1])) != 0 ||
                            text[i + 1] == '/' || text[i + 1] == '!');
    const std::size_t end = tag_start ? text.find('>', i) : std::string_view::npos;
    if (end != std::string_view::npos && end - i < kMaxTagBytes) {
      if (!IsInlineTag(text.substr(i, end - i))) out.push_back(' ');
      i = end + 1;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

void AppendUtf8(std::uint32_t cp, std::string& out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

struct Entity {
  std::string_view name;
  std::uint32_t code_point;
};
constexpr std::array<Entity, 24> kEntities{{
    {"nbsp", 0x20},    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},        {"quot", '"'},
    {"apos", '\''},    {"euro", 0x20AC},  {"eacute", 0xE9},  {"euml", 0xEB},     {"egrave", 0xE8},
    {"iuml", 0xEF},    {"ouml", 0xF6},    {"uuml", 0xFC},    {"auml", 0xE4},     {"agrave", 0xE0},
    {"ccedil", 0xE7},  {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"shy", 0xAD},
}};

std::string DecodeEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t semi = text[i] == '&' ? text.find(';', i) : std::string_view::npos;
    if (semi != std::string_view::npos && semi - i <= 10 && semi > i + 1) {
      const std::string_view name = text.substr(i + 1, semi - i - 1);
      std::uint32_t cp = 0;
      if (name.front() == '#' && name.size() > 1) {
        const bool hex = name[1] == 'x' || name[1] == 'X';
        const std::string digits(name.substr(hex ? 2 : 1));
        char* end = nullptr;
        const unsigned long value = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
        if (!digits.empty() && end != nullptr && *end == '\0')
          cp = static_cast<std::uint32_t>(value);
      } else {
        for (const auto& entity : kEntities) {
          if (entity.name == name) cp = entity.code_point;
        }
      }
      if (cp != 0) {
        AppendUtf8(cp, out);
        i = semi + 1;
        continue;
      }
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

// Links and images keep their visible text: "[tekst](url)" -> "tekst", "![alt](src)" -> "alt".
std::string StripLinks(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  std::size_t i = 0;
  while (i < line.size()) {
    const bool image = line[i] == '!' && i + 1 < line.size() && line[i + 1] == '[';
    if (line[i] == '[' || image) {
      const std::size_t open = image ? i + 1 : i;
      const std::size_t close = line.find(']', open);
      if (close != std::string_view::npos && close + 1 < line.size() &&
          (line[close + 1] == '(' || line[close + 1] == '[')) {
        const char closing = line[close + 1] == '(' ? ')' : ']';
        const std::size_t target_end = line.find(closing, close + 2);
        if (target_end != std::string_view::npos) {
          out.append(line.substr(open + 1, close - open - 1));
          i = target_end + 1;
          continue;
        }
      }
    }
    out.push_back(line[i]);
    ++i;
  }
  return out;
}

// Emphasis and code markers, table pipes.
std::string StripInlineMarkup(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    const bool doubled = i + 1 < line.size() && line[i + 1] == c;
    if ((c == '*' || c == '_') && doubled) {
      ++i;
      continue;
    }
    if (c == '`') continue;
    if (c == '|') {
      out.push_back(' ');
      continue;
    }
    out.push_back(c);
  }
  return out;
}

bool IsRuleOrSeparator(std::string_view line) {
  if (line.size() < 3) return false;
  std::size_t marks = 0;
  for (const char c : line) {
    if (c == '-' || c == '*' || c == '_' || c == '=') {
      ++marks;
    } else if (c != ' ' && c != '|' && c != ':') {
      return false;
    }
  }
  return marks >= 3;
}

// Removes block markers: heading hashes, quote '>', list bullets and numbers.
std::string_view StripBlockMarker(std::string_view line, bool* heading) {
  line = TrimLeft(line);
  *heading = false;
  std::size_t hashes = 0;
  while (hashes < line.size() && line[hashes] == '#') ++hashes;
  if (hashes > 0 && hashes <= 6) {
    *heading = true;
    line = Trim(line.substr(hashes));
    while (!line.empty() && line.back() == '#') line.remove_suffix(1);
    return Trim(line);
  }
  while (!line.empty() && line.front() == '>') line = TrimLeft(line.substr(1));
  if (line.size() > 1 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ') {
    return TrimLeft(line.substr(2));
  }
  std::size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits])) != 0) {
    ++digits;
  }
  if (digits > 0 && digits < 4 && digits + 1 < line.size() && line[digits] == '.' &&
      line[digits + 1] == ' ') {
    return TrimLeft(line.substr(digits + 2));
  }
  return line;
}

// The text of the first HTML heading (<h1> to <h6>), markup removed; empty when none. Pages
// written in HTML inside Markdown ("<h4>Mart</h4>") head their content this way.
std::string FirstHtmlHeading(std::string_view body) {
  for (std::size_t at = body.find("<h"); at != std::string_view::npos;
       at = body.find("<h", at + 2)) {
    if (at + 3 >= body.size() || body[at + 2] < '1' || body[at + 2] > '6') continue;
    const std::size_t open_end = body.find('>', at);
    const std::size_t close = body.find("</h", at);
    if (open_end == std::string_view::npos || close == std::string_view::npos || close < open_end ||
        close - open_end > kMaxTagBytes) {
      return {};
    }
    return scan::CollapseWhitespace(
        DecodeEntities(StripTags(body.substr(open_end + 1, close - open_end - 1))));
  }
  return {};
}

// Splits "---\n…\n---\n" off the top; returns the body and fills `front`.
std::string_view SplitFrontMatter(std::string_view text, std::vector<std::string_view>* front) {
  const std::string_view rest = TrimLeft(text);
  const std::size_t first_end = rest.find('\n');
  if (first_end == std::string_view::npos || Trim(rest.substr(0, first_end)) != "---") {
    return text;
  }
  const std::size_t front_start = first_end + 1;
  std::size_t start = front_start;
  while (start < rest.size()) {
    std::size_t end = rest.find('\n', start);
    if (end == std::string_view::npos) end = rest.size();
    const std::string_view line = Trim(rest.substr(start, end - start));
    if (line == "---" || line == "...") {
      *front = SplitLines(rest.substr(front_start, start - front_start));
      return end < rest.size() ? rest.substr(end + 1) : std::string_view();
    }
    start = end + 1;
  }
  return text;  // no closing delimiter: not front matter
}

}  // namespace

MarkdownText MarkdownToText(std::string_view markdown) {
  MarkdownText result;
  std::vector<std::string_view> front_lines;
  const std::string_view body_view = SplitFrontMatter(markdown, &front_lines);
  result.front_matter = ParseFrontMatter(front_lines);

  std::string body;
  for (const char* key : {"intro", "description", "summary", "content"}) {
    const auto it = result.front_matter.find(key);
    if (it != result.front_matter.end() && !it->second.empty()) {
      body.append(it->second).append("\n\n");
    }
  }
  body.append(body_view);
  body = RemoveSpans(body, "{%", "%}");
  body = RemoveSpans(body, "{{", "}}");
  body = RemoveSpans(body, "<!--", "-->");
  body = RemoveSpans(body, "<script", "</script>");
  body = RemoveSpans(body, "<style", "</style>");
  const std::string html_heading = FirstHtmlHeading(body);
  body = StripTags(body);

  bool in_blank_run = true;
  for (const std::string_view raw : SplitLines(body)) {
    const std::string_view trimmed = Trim(raw);
    if (trimmed.substr(0, 3) == "```" || trimmed.substr(0, 3) == "~~~" ||
        IsRuleOrSeparator(trimmed)) {
      continue;
    }
    bool heading = false;
    const std::string_view content = StripBlockMarker(trimmed, &heading);
    std::string line =
        scan::CollapseWhitespace(DecodeEntities(StripInlineMarkup(StripLinks(content))));
    if (line.empty()) {
      if (!in_blank_run) result.text.push_back('\n');
      in_blank_run = true;
      continue;
    }
    if (heading && result.first_heading.empty()) result.first_heading = line;
    result.text.append(line).push_back('\n');
    in_blank_run = false;
  }
  while (!result.text.empty() && result.text.back() == '\n') result.text.pop_back();
  if (result.first_heading.empty()) result.first_heading = html_heading;
  return result;
}

}  // namespace kb::extract
