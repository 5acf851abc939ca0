// Parts of a document's text that are not its own content (document_parts.h).
#include "kb/analysis/document_parts.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <string>

#include "kb/analysis/text_fold.h"

namespace kb::analysis {
namespace {

// Headings of a bibliography, letters only, lower case.
constexpr std::array<std::string_view, 11> kBibliographyHeadings = {
    "bronnen",      "literatuur",     "literatuurlijst", "referenties",
    "bibliografie", "bronvermelding", "bronnenlijst",    "references",
    "noten",        "voetnoten",      "eindnoten"};
// A heading line is short; a longer line is a sentence that starts with such a word.
constexpr std::size_t kMaxHeadingBytes = 40;

}  // namespace

std::size_t BibliographyStart(std::string_view text) {
  std::size_t line = text.find('\n', text.size() / 2);
  while (line != std::string_view::npos && line < text.size()) {
    const std::size_t begin = line + 1;
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string heading;
    for (std::size_t k = begin; k < end && heading.size() < kMaxHeadingBytes; ++k) {
      const auto c = static_cast<unsigned char>(text[k]);
      if (std::isalpha(c)) heading.push_back(static_cast<char>(std::tolower(c)));
    }
    if (end - begin < kMaxHeadingBytes &&
        std::find(kBibliographyHeadings.begin(), kBibliographyHeadings.end(), heading) !=
            kBibliographyHeadings.end()) {
      return begin;
    }
    line = end;
  }
  return std::string_view::npos;
}

}  // namespace kb::analysis

// --- Sections and passages ----------------------------------------------------------------

namespace kb::analysis {
namespace {

// Section names, as lower-case ASCII letters and single spaces; a heading has a role when its
// words start with one of these.
constexpr std::array<std::string_view, 22> kFindingsHeadings = {"samenvatting",
                                                                "managementsamenvatting",
                                                                "management samenvatting",
                                                                "conclusie",
                                                                "conclusies",
                                                                "aanbeveling",
                                                                "aanbevelingen",
                                                                "resultaten",
                                                                "bevindingen",
                                                                "discussie",
                                                                "lessen",
                                                                "geleerde lessen",
                                                                "kernboodschap",
                                                                "belangrijkste",
                                                                "uitkomsten",
                                                                "slotbeschouwing",
                                                                "tot slot",
                                                                "wat we leren",
                                                                "wat we geleerd",
                                                                "beschouwing",
                                                                "advies",
                                                                "summary"};
constexpr std::array<std::string_view, 18> kNoContentHeadings = {
    "inhoudsopgave",   "inhoud",           "inhoudstafel",   "colofon",        "literatuur",
    "literatuurlijst", "bronnen",          "bronnenlijst",   "bronvermelding", "referenties",
    "bibliografie",    "references",       "noten",          "voetnoten",      "eindnoten",
    "afkortingen",     "afkortingenlijst", "over de auteurs"};
constexpr std::array<std::string_view, 3> kAppendixHeadings = {"bijlage", "bijlagen", "appendix"};
// Words that open a numbered heading: "Hoofdstuk 3", "Artikel 4.2", "§ 2".
constexpr std::array<std::string_view, 4> kNumberedWords = {"hoofdstuk", "artikel", "paragraaf",
                                                            "deel"};

constexpr std::size_t kMaxSectionHeadingBytes = 80;
constexpr std::size_t kMaxHeadingWords = 10;
constexpr std::size_t kMaxPassagesPerDocument = 5000;
constexpr int kMaxUnnumberedChapterPages = 3;

std::string_view Trimmed(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\f')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpperStart(std::string_view s) {
  if (s.empty()) return false;
  const auto c = static_cast<unsigned char>(s.front());
  if (c >= 'A' && c <= 'Z') return true;
  // Upper-case Latin-1 letters (C3 80..C3 9E) such as "É".
  return c == 0xC3 && s.size() > 1 && static_cast<unsigned char>(s[1]) >= 0x80 &&
         static_cast<unsigned char>(s[1]) <= 0x9E;
}

// The bytes of a leading section number: "3", "3.2", "3.2.1.", "12)" ; 0 when there is none
// (or its first part is over 30: a year or an amount, not a chapter).
std::size_t NumberingLength(std::string_view line) {
  std::size_t i = 0;
  int first = -1;
  while (true) {
    const std::size_t start = i;
    int value = 0;
    while (i < line.size() && IsDigit(line[i]) && i - start < 3)
      value = value * 10 + (line[i++] - '0');
    if (i == start) return start == 0 ? 0 : start;  // "3." then no digit: the dot belongs to it
    if (first < 0) first = value;
    if (i < line.size() && line[i] == '.') {
      ++i;
      continue;
    }
    break;
  }
  if (first > 30) return 0;
  if (i < line.size() && line[i] == ')') ++i;
  return i;
}

std::size_t WordCount(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : s) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// Lower-case ASCII letters and single spaces: "3.2 Conclusies & aanbevelingen" -> "conclusies
// aanbevelingen".
std::string HeadingWords(std::string_view heading) {
  std::string base;
  AppendBaseLetters(heading, base);
  std::string out;
  for (const char c : base) {
    if (c >= 'a' && c <= 'z') {
      out.push_back(c);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

template <std::size_t N>
bool StartsWithName(const std::string& words, const std::array<std::string_view, N>& names) {
  for (std::string_view name : names) {
    if (words.size() >= name.size() && words.compare(0, name.size(), name) == 0 &&
        (words.size() == name.size() || words[name.size()] == ' ')) {
      return true;
    }
  }
  return false;
}

// Whether the heading's words name a known section (of any role but the body).
bool NamesKnownSection(std::string_view heading) {
  const std::string words = HeadingWords(heading);
  return StartsWithName(words, kFindingsHeadings) || StartsWithName(words, kNoContentHeadings) ||
         StartsWithName(words, kAppendixHeadings);
}

// The shape every heading has: short, few words, no sentence end.
bool HasHeadingShape(std::string_view line) {
  if (line.empty() || line.size() > kMaxSectionHeadingBytes || WordCount(line) > kMaxHeadingWords) {
    return false;
  }
  const char last = line.back();
  if (last == '.' || last == ',' || last == ';') return false;
  if (last == ':' && WordCount(line) > 6) return false;
  return std::any_of(line.begin(), line.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); });
}

// A line that is a table of contents entry: a title then a page number, or a page number alone.
bool IsContentsLine(std::string_view line) {
  if (line.empty()) return false;
  std::size_t digits = 0;
  while (digits < line.size() && IsDigit(line[line.size() - 1 - digits])) ++digits;
  if (digits == 0 || digits > 3) return false;
  if (digits == line.size()) return true;
  const char before = line[line.size() - 1 - digits];
  return before == ' ' || before == '.' || before == '\t';
}

std::vector<std::string_view> LinesOf(std::string_view page) {
  std::vector<std::string_view> lines;
  std::size_t begin = 0;
  while (begin <= page.size()) {
    std::size_t end = page.find('\n', begin);
    if (end == std::string_view::npos) end = page.size();
    lines.push_back(Trimmed(page.substr(begin, end - begin)));
    begin = end + 1;
  }
  return lines;
}

// A page that is (part of) a table of contents: it says so in its first lines, or most of its
// lines end in a page number.
bool IsContentsPage(const std::vector<std::string_view>& lines) {
  std::size_t nonblank = 0, contents = 0;
  for (std::string_view line : lines) {
    if (line.empty()) continue;
    if (nonblank < 3) {
      const std::string words = HeadingWords(line);
      if (words == "inhoudsopgave" || words == "inhoud" || words == "inhoudstafel") return true;
    }
    ++nonblank;
    if (IsContentsLine(line)) ++contents;
  }
  return nonblank >= 8 && contents * 5 >= nonblank * 2;
}

// A line with its digits taken out: "Pagina 12 van 80" and "Pagina 13 van 80" are one running
// line.
std::string WithoutDigits(std::string_view line) {
  std::string out;
  for (const char c : line) {
    if (!IsDigit(c)) out.push_back(c);
  }
  return out;
}

// Running headers and footers: lines (digits aside) among the first or last two of at least three
// pages and a quarter of them.
std::set<std::string> RunningLines(const std::vector<std::string>& pages) {
  std::map<std::string, int> seen;
  for (const std::string& page : pages) {
    std::set<std::string> edges;
    const std::vector<std::string_view> lines = LinesOf(page);
    std::vector<std::string_view> nonblank;
    for (std::string_view line : lines) {
      if (!line.empty()) nonblank.push_back(line);
    }
    for (std::size_t k = 0; k < nonblank.size(); ++k) {
      if (k < 2 || k + 2 >= nonblank.size()) edges.insert(WithoutDigits(nonblank[k]));
    }
    for (const std::string& edge : edges) ++seen[edge];
  }
  std::set<std::string> running;
  for (const auto& [line, count] : seen) {
    if (count >= 3 && static_cast<std::size_t>(count) * 4 >= pages.size()) running.insert(line);
  }
  return running;
}

class PassageSplitter {
 public:
  PassageSplitter(std::vector<Passage>& out, std::set<std::string> running)
      : out_(out), running_(std::move(running)) {}

  void Page(int number, std::string_view text) {
    page_ = number;
    const std::vector<std::string_view> lines = LinesOf(text);
    if (IsContentsPage(lines)) {
      // Nothing of it is content, and the section after it is unknown until its next heading.
      section_.clear();
      chapter_.clear();
      role_ = SectionRole::kBody;
      return;
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string_view line = lines[i];
      if (line.empty() || (!running_.empty() && running_.count(WithoutDigits(line)))) {
        blank_before_ = true;
        continue;
      }
      std::size_t consumed = 0;
      if (IsHeading(lines, i, &consumed)) {
        i += consumed;
        blank_before_ = true;
        continue;
      }
      AddLine(line);
      blank_before_ = false;
    }
    Flush();
  }

  void Finish() { Flush(); }

 private:
  // Whether lines[i] starts a heading; sets the section. `consumed`: extra lines it took (a
  // number on a line of its own, then the title).
  bool IsHeading(const std::vector<std::string_view>& lines, std::size_t i, std::size_t* consumed) {
    std::string_view line = lines[i];
    if (line.front() == '#') {
      while (!line.empty() && line.front() == '#') line.remove_prefix(1);
      line = Trimmed(line);
      if (line.empty()) return false;
      SetSection(line, /*top_level=*/true);
      return true;
    }
    const std::size_t numbering = NumberingLength(line);
    if (numbering > 0) {
      const std::string_view rest = Trimmed(line.substr(numbering));
      // "3 Resultaten" opens a chapter; "3.2 ..." and "3. ..." (as often a list item) do not.
      const bool top_level = line.substr(0, numbering).find('.') == std::string_view::npos;
      if (rest.empty()) {
        // "9.4" alone, the title on the next non-blank line.
        std::size_t next = i + 1;
        while (next < lines.size() && lines[next].empty()) ++next;
        if (next < lines.size() && next - i <= 2 && IsUpperStart(lines[next]) &&
            HasHeadingShape(lines[next]) && NumberingLength(lines[next]) == 0) {
          SetSection(std::string(line) + " " + std::string(lines[next]), top_level);
          *consumed = next - i;
          return true;
        }
        return false;
      }
      if (IsUpperStart(rest) && HasHeadingShape(line) && rest.back() != ':') {
        SetSection(line, top_level);
        return true;
      }
      return false;
    }
    if (!HasHeadingShape(line) || !IsUpperStart(line)) return false;
    const std::string words = HeadingWords(line);
    for (std::string_view word : kNumberedWords) {
      if (words == word && line.size() > word.size() + 1) {
        SetSection(line, true);  // "Hoofdstuk 3", "Artikel 4.2" (the number is not letters)
        return true;
      }
    }
    if (NamesKnownSection(line) && line.size() <= 60) {
      SetSection(line, true);
      return true;
    }
    // Standing alone: after a blank line, before a paragraph.
    if (!blank_before_ && !text_.empty()) return false;
    const char last = line.back();
    if (last == ':' || last == ')' || WordCount(line) > 8) return false;
    std::size_t next = i + 1;
    while (next < lines.size() && lines[next].empty()) ++next;
    if (next >= lines.size()) return false;
    std::size_t paragraph = 0;
    for (std::size_t k = next; k < lines.size() && !lines[k].empty(); ++k) {
      paragraph += lines[k].size();
    }
    if (paragraph < 150 || !IsUpperStart(lines[next])) return false;
    SetSection(line, false);
    return true;
  }

  // A top-level heading sets the role from its own words; a sub-heading keeps its chapter's
  // role ("9.4 Relatie tot andere onderzoeken" under "9 Conclusies") unless it names one.
  // An unnumbered sub-heading is shown with its chapter's: "Samenvatting — Doel onderzoek".
  void SetSection(std::string_view heading, bool top_level) {
    Flush();  // the text so far belongs to the section before
    const SectionRole own = RoleOfHeading(heading);
    const bool numbered = NumberingLength(heading) > 0;
    heading = heading.substr(0, 160);
    // Without numbers a chapter's end is not marked: an unnumbered heading more than a few
    // pages after its chapter's heading starts a chapter of its own.
    if (!numbered && page_ > chapter_page_ + kMaxUnnumberedChapterPages) top_level = true;
    if (top_level || own != SectionRole::kBody) {
      role_ = own;
      chapter_ = std::string(heading);
      chapter_page_ = page_;
      section_ = chapter_;
    } else if (!numbered && !chapter_.empty() && heading != chapter_) {
      section_ = chapter_ + " — " + std::string(heading);
    } else {
      section_ = std::string(heading);
    }
  }

  void AddLine(std::string_view line) {
    if (!text_.empty()) {
      // A word broken at the line's end ("werk-" + "vloer") is joined again.
      const unsigned char next = static_cast<unsigned char>(line.front());
      if (text_.size() > 1 && text_.back() == '-' && text_[text_.size() - 2] != ' ' &&
          next >= 'a' && next <= 'z') {
        text_.pop_back();
      } else {
        text_.push_back(' ');
      }
    }
    for (const char c : line) {
      if (c == '\t' || c == '\f') {
        if (!text_.empty() && text_.back() != ' ') text_.push_back(' ');
      } else if (c != ' ' || (!text_.empty() && text_.back() != ' ')) {
        text_.push_back(c);
      }
    }
  }

  // Where the sentence that starts at `from` ends (one past its final punctuation and space).
  static std::size_t SentenceEnd(std::string_view text, std::size_t from) {
    for (std::size_t i = from; i + 2 < text.size(); ++i) {
      const char c = text[i];
      if ((c != '.' && c != '!' && c != '?') || text[i + 1] != ' ') continue;
      const std::string_view after = text.substr(i + 2);
      if (!IsUpperStart(after) && !IsDigit(after.front()) && after.front() != '"' &&
          after.front() != '(') {
        continue;
      }
      if (c == '.') {
        // An abbreviation ("o.a.", "bijv.", "nr.") does not end a sentence.
        std::size_t word = i;
        while (word > from && text[word - 1] != ' ') --word;
        const std::string_view token = text.substr(word, i - word);
        if (token.find('.') != std::string_view::npos || token == "bijv" || token == "nr" ||
            token == "art" || token == "mevr" || token == "dhr" || token == "drs" ||
            token == "dr" || token == "prof" || token == "ca" || token == "blz" || token == "zgn" ||
            token == "enz" || token == "incl" || token == "excl" || token == "resp" ||
            token == "vgl" || token == "zie") {
          continue;
        }
      }
      return i + 2;
    }
    return text.size();
  }

  void Emit(std::string text) {
    if (out_.size() >= kMaxPassagesPerDocument) return;
    while (!text.empty() && text.back() == ' ') text.pop_back();
    if (WordCount(text) < 4) return;
    out_.push_back(Passage{page_, section_, role_, std::move(text)});
  }

  // The text gathered since the last heading or page start, as passages.
  void Flush() {
    if (text_.empty()) return;
    const std::string text = std::move(text_);
    text_.clear();
    if (role_ == SectionRole::kNoContent) return;
    const std::size_t first_new = out_.size();
    std::string chunk;
    std::size_t chunk_words = 0;
    for (std::size_t from = 0; from < text.size();) {
      std::size_t end = SentenceEnd(text, from);
      std::string_view sentence = std::string_view(text).substr(from, end - from);
      // One endless "sentence" (a flattened table, a list without full stops) is cut by words.
      if (WordCount(sentence) > 3 * kPassageWords) {
        std::size_t words = 0, k = from;
        for (bool in_word = false; k < end; ++k) {
          const bool space = text[k] == ' ';
          if (!space && !in_word && ++words > 2 * kPassageWords) break;
          in_word = !space;
        }
        end = k;
        sentence = std::string_view(text).substr(from, end - from);
      }
      chunk += sentence;
      chunk_words += WordCount(sentence);
      from = end;
      if (chunk_words >= kPassageWords) {
        Emit(std::move(chunk));
        chunk.clear();
        chunk_words = 0;
      }
    }
    if (chunk.empty()) return;
    if (chunk_words < kPassageWords / 3 && out_.size() > first_new) {
      // A short tail joins the passage before it on the same page and section.
      out_.back().text += " ";
      out_.back().text += chunk;
      while (!out_.back().text.empty() && out_.back().text.back() == ' ')
        out_.back().text.pop_back();
      return;
    }
    Emit(std::move(chunk));
  }

  std::vector<Passage>& out_;
  const std::set<std::string> running_;
  int page_ = 1;
  std::string chapter_;  // the last heading that set the role
  int chapter_page_ = 0;
  std::string section_;
  SectionRole role_ = SectionRole::kBody;
  std::string text_;
  bool blank_before_ = true;
};

}  // namespace

std::string_view SectionRoleName(SectionRole role) {
  switch (role) {
    case SectionRole::kFindings:
      return "findings";
    case SectionRole::kAppendix:
      return "appendix";
    case SectionRole::kNoContent:
      return "none";
    case SectionRole::kBody:
      break;
  }
  return "body";
}

SectionRole RoleOfHeading(std::string_view heading) {
  std::string_view rest = Trimmed(heading);
  while (!rest.empty() && rest.front() == '#') rest.remove_prefix(1);
  rest = Trimmed(rest.substr(NumberingLength(Trimmed(rest))));
  const std::string words = HeadingWords(rest);
  if (StartsWithName(words, kNoContentHeadings)) return SectionRole::kNoContent;
  if (StartsWithName(words, kAppendixHeadings)) return SectionRole::kAppendix;
  if (StartsWithName(words, kFindingsHeadings)) return SectionRole::kFindings;
  return SectionRole::kBody;
}

std::vector<Passage> SplitPassages(const std::vector<std::string>& pages) {
  std::vector<Passage> passages;
  PassageSplitter splitter(passages,
                           pages.size() >= 3 ? RunningLines(pages) : std::set<std::string>());
  for (std::size_t i = 0; i < pages.size(); ++i) splitter.Page(static_cast<int>(i + 1), pages[i]);
  splitter.Finish();
  return passages;
}

}  // namespace kb::analysis
