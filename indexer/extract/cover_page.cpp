// Cover-page rules for the title: the largest text of the first pages, a letter's subject, and
// what is never a title.
#include "kb/extract/cover_page.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "cover_layout.h"
#include "kb/extract/metadata.h"
#include "text_scan.h"

namespace kb::extract {
namespace {

using layout::Append;
using layout::BodySize;
using layout::CleanLine;
using layout::ColumnFrom;
using layout::Folded;
using layout::HasIconGlyph;
using layout::IsFieldLabel;
using layout::kSameRow;
using layout::LettersOn;
using layout::Lines;
using layout::LinesOn;
using layout::OneOf;
using layout::SameColumn;
using layout::SameRow;
using layout::SameSize;
using layout::StartsWithWord;
using layout::ValueOf;

// A title is set at least this much larger than the body text (the iJw case sheets set theirs
// 1.2 x the body; report covers 2-5 x).
constexpr double kProminence = 1.15;
// The tops of two lines of one title lie at most this many font sizes apart: 1.2 is normal
// leading, a spaced cover title 1.7; a title and the next heading are 2.2 or more apart.
constexpr double kTitlePitch = 1.8;
constexpr std::size_t kMaxTitleLines = 6;
constexpr std::size_t kMaxSubjectLines = 3;
// A page with fewer letters than this is a blank, logo or image cover: the title may follow.
constexpr std::size_t kBlankPageLetters = 60;

// Word lists of the rules below, lower case.
// clang-format off
// The names of a report's parts: headings, never the report's title.
constexpr std::string_view kSectionNames[] = {
    "inleiding", "samenvatting", "managementsamenvatting", "management samenvatting",
    "management summary", "voorwoord", "colofon", "documentatie", "bijlage", "bijlagen",
    "literatuur", "literatuurlijst", "bronnen", "conclusie", "conclusies", "aanbevelingen",
    "introductie", "contents", "table of contents", "summary", "introduction", "appendix",
    "disclaimer", "document beheer", "documentbeheer", "versiebeheer", "wijzigingsbeheer",
    "afkortingen", "verantwoording", "leeswijzer"};

// A contents page's heading, stamps on a cover and the navigation of a saved web page.
constexpr std::string_view kStampsAndNavigation[] = {
    "inhoud", "inhoudsopgave", "contents", "vertrouwelijk", "strikt vertrouwelijk", "confidential",
    "concept", "draft", "definitief", "openbaar", "intern", "inloggen", "uitloggen", "login",
    "log in", "zoeken", "menu", "home", "terug", "delen", "print"};

// Genre words that head a cover above its title.
constexpr std::string_view kGenreWords[] = {
    "rapport", "eindrapport", "onderzoeksrapport", "tussenrapport", "rapportage", "eindrapportage",
    "notitie", "memo", "advies", "adviesrapport", "handreiking", "factsheet", "brochure", "verslag",
    "jaarverslag", "nota", "evaluatie", "onderzoek", "essay", "whitepaper"};
// clang-format on

// "1.2 Inleiding" -> "inleiding" (folded text without its section number).
std::string WithoutNumbering(std::string_view folded) {
  std::size_t start = 0;
  while (start < folded.size() && (std::isdigit(static_cast<unsigned char>(folded[start])) != 0 ||
                                   folded[start] == '.' || folded[start] == ' ')) {
    ++start;
  }
  return std::string(folded.substr(start));
}

std::string WithoutDigits(std::string_view folded) {
  std::string out;
  for (const char c : folded) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) out.push_back(c);
  }
  return scan::CollapseWhitespace(out);
}

bool StartsLower(std::string_view text) {
  return !text.empty() && text[0] >= 'a' && text[0] <= 'z';
}

// Title lines belong together when they overlap horizontally (left-aligned or centred).
bool Overlapping(const CoverLine& a, const CoverLine& b) {
  return std::min(a.right, b.right) > std::max(a.left, b.left) || SameColumn(a, b);
}

// The names of a report's parts are headings, never the report's title.
bool IsSectionName(std::string_view folded) {
  return OneOf(WithoutNumbering(folded), kSectionNames);
}

// Contents pages, stamps on a cover ("Vertrouwelijk") and the navigation of a saved web page
// ("Inloggen").
bool IsStampOrNavigation(std::string_view folded) { return OneOf(folded, kStampsAndNavigation); }

// The mastheads of the official gazettes and parliamentary papers name the series, not the
// document ("STAATSCOURANT", "Tweede Kamer der Staten-Generaal").
bool IsGazetteMasthead(std::string_view folded) {
  for (const std::string_view name :
       {"staatscourant", "staatsblad", "tractatenblad", "gemeenteblad", "provinciaal blad",
        "waterschapsblad", "tweede kamer der staten-generaal", "eerste kamer der staten-generaal",
        "kamerstukken"}) {
    if (StartsWithWord(folded, name)) return true;
  }
  return false;
}

// "Versie 3.2.b", "versie 1.0 - definitief", "Version 2": the edition, not part of the title.
bool IsVersionLine(std::string_view folded) {
  for (const std::string_view word : {"versie", "version", "editie", "druk"}) {
    if (!StartsWithWord(folded, word)) continue;
    const std::string_view rest = folded.substr(word.size());
    return std::any_of(rest.begin(), rest.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
  }
  return false;
}

// "Pagina 3 van 93", "Page 2 of 9", "blz. 4" ("2 / 51" has too few letters to be anything).
bool IsPageNumber(std::string_view folded) {
  const bool numbered = std::any_of(folded.begin(), folded.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
  return numbered && (StartsWithWord(folded, "pagina") || StartsWithWord(folded, "page") ||
                      StartsWithWord(folded, "blz") || StartsWithWord(folded, "p"));
}

bool IsWebAddress(std::string_view folded) {
  return folded.find("www.") != std::string_view::npos ||
         folded.find("http") != std::string_view::npos ||
         folded.find('@') != std::string_view::npos;
}

// "22 oktober 2018", "Mei 2024", "11-12-2024": a date alone.
bool IsDateLine(std::string_view text) {
  return scan::CountLetters(text) < 16 && !FindDutchDate(text).empty();
}

// A line repeated at the same place and size on another cover page: a running header or footer.
bool IsRunningHeader(const CoverLine& line, const std::vector<CoverLine>& all) {
  std::string key;
  for (const CoverLine& other : all) {
    if (other.page == line.page || !SameSize(other.size, line.size) ||
        std::abs(other.top - line.top) > std::max(line.size, 4.0)) {
      continue;
    }
    if (key.empty()) key = WithoutDigits(Folded(line.text));
    if (WithoutDigits(Folded(other.text)) == key) return true;
  }
  return false;
}

// Text on a cover that is never its title: fragments, icons, page numbers, dates, versions,
// URLs, section names, stamps, field labels, mastheads, organisations, running headers.
bool IsFurniture(const CoverLine& line, const std::vector<CoverLine>& all) {
  if (scan::CountLetters(line.text) < 3 || HasIconGlyph(line.text)) return true;
  const std::string folded = Folded(line.text);
  return IsWebAddress(folded) || IsPageNumber(folded) || IsVersionLine(folded) ||
         IsSectionName(folded) || IsBoilerplateLine(line.text) || IsFieldLabel(line.text) ||
         IsOrganisationName(line.text) || IsRunningHeader(line, all);
}

// A genre word alone ("Rapport", "Eindrapport") heads a cover; the title follows it.
bool IsGenreWord(std::string_view folded) { return OneOf(folded, kGenreWords); }

// The topmost line set in the largest font that is not furniture; nullptr when none.
const CoverLine* LargestLine(const Lines& lines, const std::vector<CoverLine>& all) {
  Lines by_size = lines;
  std::stable_sort(by_size.begin(), by_size.end(),
                   [](const CoverLine* a, const CoverLine* b) { return a->size > b->size; });
  for (const CoverLine* line : by_size) {
    if (line->size <= 0) return nullptr;
    if (IsFurniture(*line, all)) continue;
    for (const CoverLine* first : lines) {
      if (SameSize(first->size, line->size) && !IsFurniture(*first, all)) return first;
    }
    return line;
  }
  return nullptr;
}

// The title that starts at `head`: the rows of its size right below it, then continuation lines
// that start in lower case.
std::string TitleBlock(const CoverLine& head, const Lines& page, const std::vector<CoverLine>& all,
                       double body) {
  const auto start = std::find(page.begin(), page.end(), &head);
  std::string title;
  const CoverLine* last = &head;
  std::size_t rows = 0;
  for (auto it = start; it != page.end() && rows < kMaxTitleLines; ++it) {
    const CoverLine& line = **it;
    if (!SameSize(line.size, head.size)) continue;
    if (&line != &head) {
      if (SameRow(line, *last)) {
        // Another piece of the same row (a title set in two text runs).
        if (IsFurniture(line, all)) continue;
        Append(title, line.text);
        continue;
      }
      if (line.top - last->top > kTitlePitch * head.size || !Overlapping(line, *last) ||
          IsFurniture(line, all)) {
        break;
      }
    }
    Append(title, line.text);
    last = &line;
    ++rows;
  }
  // "Werkwijze frequentie per week" / "in iWmo en iJw 3.1": a smaller line below that goes on
  // in lower case continues the title.
  for (auto it = std::find(page.begin(), page.end(), last); it != page.end(); ++it) {
    const CoverLine& line = **it;
    if (line.top <= last->top + kSameRow * last->size) continue;
    if (line.top - last->top > kTitlePitch * last->size || !StartsLower(line.text) ||
        line.size < body || IsFurniture(line, all) || rows >= kMaxTitleLines) {
      break;
    }
    Append(title, line.text);
    last = &line;
    ++rows;
  }
  return title;
}

// The first prominent line below `above` that is not furniture; nullptr when none.
const CoverLine* ProminentBelow(const CoverLine& above, const Lines& page,
                                const std::vector<CoverLine>& all, double body) {
  for (const CoverLine* line : page) {
    if (line->top > above.top + kSameRow * above.size && line->size >= kProminence * body &&
        !IsFurniture(*line, all)) {
      return line;
    }
  }
  return nullptr;
}

}  // namespace

bool IsBoilerplateLine(std::string_view text) {
  const std::string folded = Folded(text);
  return IsStampOrNavigation(WithoutNumbering(folded)) || IsGazetteMasthead(folded) ||
         IsDateLine(text);
}

std::string CoverTitle(const std::vector<CoverLine>& lines) {
  const double body = BodySize(lines);
  if (body <= 0) return {};
  for (int page_number = 0; page_number < kCoverPages; ++page_number) {
    const Lines page = LinesOn(lines, page_number);
    const CoverLine* head = LargestLine(page, lines);
    if (head != nullptr && head->size >= kProminence * body) {
      std::string title = TitleBlock(*head, page, lines, body);
      if (IsGenreWord(Folded(title))) {
        if (const CoverLine* next = ProminentBelow(*head, page, lines, body); next != nullptr) {
          Append(title, TitleBlock(*next, page, lines, body));
        }
      }
      title = CleanLine(title);
      if (scan::CountLetters(title) >= 3) return title;
    }
    if (LettersOn(page) >= kBlankPageLetters) break;
  }
  return {};
}

std::string LetterSubject(const std::vector<CoverLine>& lines) {
  const Lines page = LinesOn(lines, 0);
  for (const CoverLine* label : page) {
    const std::string folded = Folded(label->text);
    for (const std::string_view field : {"onderwerp", "betreft", "inzake", "subject"}) {
      if (!StartsWithWord(folded, field)) continue;
      std::string_view value =
          std::string_view(label->text).substr(std::min(label->text.size(), field.size()));
      while (!value.empty() && (value.front() == ':' || value.front() == ' ')) {
        value.remove_prefix(1);
      }
      if (scan::CountLetters(value) >= 3) return CleanLine(value);
      const CoverLine* first = ValueOf(*label, page);
      if (first == nullptr || IsFieldLabel(first->text) || scan::CountLetters(first->text) < 3) {
        continue;
      }
      std::string subject;
      for (const CoverLine* line : ColumnFrom(*first, page, kTitlePitch, kMaxSubjectLines)) {
        if (!SameSize(line->size, first->size) || scan::CountLetters(line->text) < 3 ||
            IsFieldLabel(line->text)) {
          break;
        }
        Append(subject, line->text);
      }
      return CleanLine(subject);
    }
  }
  return {};
}

}  // namespace kb::extract
