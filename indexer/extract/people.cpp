// People: one name per author, from author fields, bylines, and a PDF's /Author when the text
// confirms it.
#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "kb/extract/metadata.h"
#include "name_words.h"
#include "text_scan.h"

namespace kb::extract {
namespace {

using names::IsInitials;
using names::IsNameParticle;
using names::IsTitleToken;
using names::IsWordBoundary;
using names::SplitWords;
using names::StartsUpper;
using names::TrimName;
using names::ValueAfterLabel;

// Only the start of a text carries bylines.
constexpr std::size_t kBylineScanBytes = 3000;
constexpr std::size_t kMaxNameWords = 6;

// Letters after a name: "CIPP/E", "OSCP", "MSc", "PhD".
bool IsPostNominal(std::string_view token) {
  constexpr std::array<std::string_view, 9> kDegrees{"msc", "bsc", "ma",  "ba", "phd",
                                                     "mba", "llm", "mpa", "llb"};
  const std::string lower = scan::ToLowerAscii(token);
  if (std::find(kDegrees.begin(), kDegrees.end(), lower) != kDegrees.end()) return true;
  const bool has_lower =
      std::any_of(token.begin(), token.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  return !has_lower && scan::CountLetters(token) >= 2;
}

// A capitalised name word: "Anneke", "Frenken-Farag", "O'Neill", "Çelik".
bool IsNameWord(std::string_view token) {
  if (!StartsUpper(token) || scan::CountLetters(token) < 2) return false;
  return std::all_of(token.begin(), token.end(), [](char c) {
    return scan::IsWordByte(c) || c == '-' || c == '\'' || c == '\xE2' || c == '\x80' ||
           c == '\x99';  // U+2019, the typographic apostrophe
  });
}

// The family name of a person as it would be looked up in running text: "Groot" for "Jan Jaap
// de Groot", "Vroonhof" for "Vroonhof, Paul", "Farag" for "Maria Frenken-Farag". Lower case.
std::string FamilyWord(std::string_view name) {
  const std::size_t comma = name.find(',');
  if (comma != std::string_view::npos) name = name.substr(0, comma);
  std::vector<std::string> words = scan::LowerWords(name);
  return words.empty() ? std::string() : words.back();
}

// The document's own spelling of a declared name: the span from the name's first word to its
// family name within six words, as in "Naam: Jan Jaap de Groot" for the metadata's "Jan Jaap
// Egbert de Groot". Empty when the text has no such span.
std::string PrintedName(std::string_view name, std::string_view text) {
  const std::vector<std::string_view> words = SplitWords(name);
  if (words.size() < 2 || name.find(',') != std::string_view::npos) return {};
  const std::string_view first = words.front();
  const std::string_view family = words.back();
  if (IsInitials(first) || IsTitleToken(first)) return {};
  constexpr std::size_t kLookBackBytes = 80;
  for (std::size_t at = text.find(family); at != std::string_view::npos;
       at = text.find(family, at + 1)) {
    const std::size_t end = at + family.size();
    if ((at > 0 && scan::IsWordByte(text[at - 1])) || !IsWordBoundary(text, end)) continue;
    const std::size_t window = at > kLookBackBytes ? at - kLookBackBytes : 0;
    const std::size_t begin = text.rfind(first, at);
    if (begin == std::string_view::npos || begin < window) continue;
    const std::string_view span = text.substr(begin, end - begin);
    if (span.find('\n') != std::string_view::npos) continue;
    std::string person = PersonName(span);
    if (!person.empty() && SplitWords(person).size() <= kMaxNameWords) return person;
  }
  return {};
}

}  // namespace

std::vector<std::string> SplitAuthors(std::string_view field) {
  // Joining words become ';' (copied, not replaced in place: GCC 12 warns on that).
  std::string text;
  for (size_t i = 0; i < field.size();) {
    bool joined = false;
    for (std::string_view joiner : {" en ", " & ", " and ", " En "}) {
      if (field.substr(i, joiner.size()) == joiner) {
        text.push_back(';');
        i += joiner.size();
        joined = true;
        break;
      }
    }
    if (!joined) text.push_back(field[i++]);
  }
  auto words = [](std::string_view s) {
    size_t n = 0;
    bool in_word = false;
    for (char c : s) {
      const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
      if (!space && !in_word) ++n;
      in_word = !space;
    }
    return n;
  };
  // Initials such as "J." or "J.P." are a first name, not a person.
  auto initials = [](std::string_view s) {
    const std::string t = scan::CollapseWhitespace(s);
    return !t.empty() && t.size() <= 6 && t.find('.') != std::string::npos;
  };
  std::vector<std::string> out;
  auto add = [&](std::string_view name) {
    std::string clean = scan::CollapseWhitespace(name);
    if (!clean.empty()) out.push_back(std::move(clean));
  };
  std::istringstream pieces(text);
  for (std::string piece; std::getline(pieces, piece, ';');) {
    const size_t commas = static_cast<size_t>(std::count(piece.begin(), piece.end(), ','));
    if (commas == 0) {
      add(piece);
      continue;
    }
    const size_t comma = piece.find(',');
    const std::string_view left = std::string_view(piece).substr(0, comma);
    const std::string_view right = std::string_view(piece).substr(comma + 1);
    if (commas == 1 && (words(left) < 2 || words(right) < 2 || initials(right))) {
      add(piece);  // "Hofstede, Anneke", "Vries, J. de"
      continue;
    }
    std::istringstream names(piece);
    for (std::string name; std::getline(names, name, ',');) add(name);
  }
  return out;
}

std::string PersonName(std::string_view raw) {
  std::string text = scan::CollapseWhitespace(raw);
  // Affiliations and roles in brackets: "Nadja Jungmann (Hogeschool Utrecht)".
  for (std::size_t open = text.find('('); open != std::string::npos; open = text.find('(')) {
    const std::size_t close = text.find(')', open);
    text.erase(open, close == std::string::npos ? std::string::npos : close - open + 1);
  }
  text = TrimName(text);
  if (text.empty() || std::any_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '@' || c == '/';
      })) {
    // A slash is allowed only in post-nominals, removed below; check again after that.
    if (text.find('/') == std::string::npos || std::any_of(text.begin(), text.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '@';
        })) {
      return {};
    }
  }
  std::vector<std::string_view> words = SplitWords(text);
  while (!words.empty() && IsTitleToken(words.front())) words.erase(words.begin());
  const bool all_caps =
      std::none_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  while (!all_caps && words.size() > 2 && IsPostNominal(words.back())) words.pop_back();
  if (words.size() < 2 || words.size() > kMaxNameWords) return {};
  std::string name;
  for (const std::string_view word : words) {
    if (!name.empty()) name.push_back(' ');
    name.append(word);
  }
  if (name.find('/') != std::string::npos || IsOrganisationName(name)) return {};
  const std::size_t comma = name.find(',');
  if (comma != std::string::npos) {
    // "Vroonhof, Paul", "Vries, J. de": a capitalised family name, then first names or initials.
    const std::string_view family = std::string_view(name).substr(0, comma);
    const std::vector<std::string_view> given =
        SplitWords(std::string_view(name).substr(comma + 1));
    if (family.find(',') != std::string_view::npos || given.empty()) return {};
    for (const std::string_view word : SplitWords(family)) {
      if (!IsNameWord(word) && !IsNameParticle(word)) return {};
    }
    for (const std::string_view word : given) {
      if (!IsNameWord(word) && !IsInitials(word) && !IsNameParticle(word) && !IsTitleToken(word)) {
        return {};
      }
    }
    return name;
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    const bool last = i + 1 == words.size();
    if (IsNameWord(words[i])) continue;
    if (!last && (IsInitials(words[i]) || (i > 0 && IsNameParticle(words[i])))) continue;
    return {};
  }
  return name;
}

std::vector<std::string> PersonNames(std::string_view line) {
  std::string text = scan::CollapseWhitespace(line);
  // "M.R. van Geelen – OSCP, eWPT": what follows a spaced dash describes the person.
  for (const std::string_view dash : {" \xE2\x80\x93 ", " \xE2\x80\x94 ", " - "}) {
    const std::size_t at = text.find(dash);
    if (at != std::string::npos) text.resize(at);
  }
  // "Jeroen Terstegge, partner", "P. Verbeek, Universiteit Twente": a role or an affiliation
  // after a comma, not another name.
  for (std::size_t comma = text.find(", "); comma != std::string::npos;
       comma = text.find(", ", comma + 1)) {
    const std::string_view rest = std::string_view(text).substr(comma + 2);
    const std::string_view first_piece = rest.substr(0, rest.find_first_of(",;"));
    const std::size_t joined = first_piece.find(" en ");
    if (!StartsUpper(rest) || IsOrganisationName(first_piece) ||
        (joined != std::string_view::npos && IsOrganisationName(first_piece.substr(0, joined)))) {
      text.resize(comma);
      break;
    }
  }
  std::vector<std::string> names;
  for (const std::string& piece : SplitAuthors(text)) {
    std::string name = PersonName(piece);
    if (name.empty()) return {};
    names.push_back(std::move(name));
  }
  return names;
}

std::vector<std::string> BylineAuthors(std::string_view text) {
  text = text.substr(0, kBylineScanBytes);
  std::istringstream lines{std::string(text)};
  for (std::string raw; std::getline(lines, raw);) {
    const std::string line = scan::CollapseWhitespace(raw);
    const std::string lower = scan::ToLowerAscii(line);
    std::string_view value = ValueAfterLabel(
        line, lower,
        {"geplaatst door ", "geschreven door ", "opgesteld door ", "samengesteld door ",
         "auteurs:", "auteur:", "tekst:", "door ", "written by ", "by "});
    if (value.empty()) continue;
    // "Mark Gremmen op woensdag 27 maart 2019", "Anneke Hofstede | 3 mei 2020".
    for (const std::string_view end : {" op ", " | ", " on ", " - ", " \xE2\x80\x93 "}) {
      const std::size_t at = value.find(end);
      if (at != std::string_view::npos) value = value.substr(0, at);
    }
    std::vector<std::string> names = PersonNames(value);
    if (!names.empty()) return names;
  }
  return {};
}

std::vector<std::string> ConfirmedAuthors(const std::vector<std::string>& declared,
                                          std::string_view text) {
  std::unordered_set<std::string> words;
  for (std::string& word : scan::LowerWords(text)) words.insert(std::move(word));
  std::vector<std::string> out;
  for (const std::string& raw : declared) {
    const std::string name = TrimName(raw);
    const std::string family = FamilyWord(name);
    if (family.empty() || words.count(family) == 0 || IsOrganisationName(name)) continue;
    std::string printed = PrintedName(name, text);
    if (!printed.empty()) {
      out.push_back(std::move(printed));
    } else if (!PersonName(name).empty()) {
      out.push_back(PersonName(name));
    }
  }
  return out;
}

bool SameAuthor(std::string_view a, std::string_view b) {
  const std::string family = FamilyWord(a);
  return !family.empty() && family == FamilyWord(b);
}

}  // namespace kb::extract
