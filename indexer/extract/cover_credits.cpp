// Cover-page rules for the credits: the authors a cover or colophon lists and the publisher
// above its address.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "cover_layout.h"
#include "kb/extract/cover_page.h"
#include "kb/extract/metadata.h"
#include "text_scan.h"

namespace kb::extract {
namespace {

using layout::BodySize;
using layout::CleanLine;
using layout::ColumnFrom;
using layout::Folded;
using layout::kListPitch;
using layout::LettersOn;
using layout::LineAbove;
using layout::Lines;
using layout::LinesOn;
using layout::OneOf;
using layout::SameRow;
using layout::SameSize;
using layout::StartsWithWord;
using layout::ValueOf;

constexpr std::size_t kMaxColophonLines = 4;
// A page with fewer letters than this is a cover or title page rather than running text.
constexpr std::size_t kCoverPageLetters = 400;

// Word lists of the rules below, lower case.
// clang-format off
// The labels above a colophon or sender block.
constexpr std::string_view kColophonLabels[] = {
    "colofon", "contact", "contactgegevens", "adres", "bezoekadres", "postadres", "uitgave",
    "uitgegeven door", "een uitgave van", "uitgever", "publisher", "afzender", "secretariaat",
    "informatie"};

// Fields whose value is the client of a report, not its publisher.
constexpr std::string_view kClientLabels[] = {
    "organisatie", "opdrachtgever", "opdrachtgever(s)", "klant", "klantnaam", "in opdracht van",
    "aan", "voor"};
// clang-format on

bool IsColophonLabel(std::string_view folded) { return OneOf(folded, kColophonLabels); }

bool IsClientLabel(std::string_view folded) { return OneOf(folded, kClientLabels); }

// True when the line starts with "Auteurs", "Auteur:", "Door", "Opgesteld door" ...; `rest` gets
// the text after the label (empty when the names follow on other lines).
bool AuthorLabel(std::string_view text, std::string* rest) {
  const std::string collapsed = scan::CollapseWhitespace(text);
  const std::string lower = scan::ToLowerAscii(collapsed);
  for (const std::string_view label :
       {"auteur(s)", "auteurs", "auteur", "authors", "author", "geschreven door", "opgesteld door",
        "samengesteld door", "door"}) {
    if (!StartsWithWord(lower, label)) continue;
    std::string_view after = std::string_view(collapsed).substr(label.size());
    while (!after.empty() && (after.front() == ':' || after.front() == ' ')) after.remove_prefix(1);
    *rest = std::string(after);
    return true;
  }
  return false;
}

// A cover line that names a person with an academic title: "Prof.dr. Philip Brey, ...".
bool StartsWithAcademicTitle(std::string_view text) {
  const std::string lower = scan::ToLowerAscii(text.substr(0, 12));
  for (const std::string_view title : {"prof.", "dr.", "mr.", "drs.", "ir."}) {
    if (lower.rfind(title, 0) == 0) return true;
  }
  return false;
}

void AddNames(const std::vector<std::string>& names, std::vector<std::string>& out) {
  for (const std::string& name : names) {
    const bool known = std::any_of(out.begin(), out.end(),
                                   [&](const std::string& have) { return SameAuthor(have, name); });
    if (!known && out.size() < kMaxAuthors) out.push_back(name);
  }
}

// "Nassaulaan 12", "Postbus 20350", "2514 JS Den Haag": a line of a Dutch address.
bool IsAddressLine(std::string_view text) {
  const std::string line = scan::CollapseWhitespace(text);
  const std::string lower = scan::ToLowerAscii(line);
  const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  if (StartsWithWord(lower, "postbus")) return std::any_of(line.begin(), line.end(), digit);
  // Postcode: four digits, two capitals.
  if (line.size() >= 7 && std::all_of(line.begin(), line.begin() + 4, digit)) {
    std::size_t at = line[4] == ' ' ? 5 : 4;
    if (at + 2 <= line.size() && std::isupper(static_cast<unsigned char>(line[at])) != 0 &&
        std::isupper(static_cast<unsigned char>(line[at + 1])) != 0 &&
        (at + 2 == line.size() || line[at + 2] == ' ')) {
      return true;
    }
  }
  // Street and number: the word before the number ends in a street word.
  const std::size_t space = line.rfind(' ');
  if (space == std::string::npos || space + 1 >= line.size() || !digit(line[space + 1])) {
    return false;
  }
  const std::string street = lower.substr(0, space);
  for (const std::string_view suffix :
       {"straat", "laan", "weg",       "plein", "singel", "kade",  "gracht",
        "dijk",   "park", "plantsoen", "hof",   "markt",  "dreef", "baan",
        "steeg",  "ring", "boulevard", "haven", "veld",   "pad"}) {
    if (street.size() >= suffix.size() &&
        street.compare(street.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return true;
    }
  }
  return false;
}

// An addressee, not a sender: "De Minister van ...", "De heer H.M. de Jonge", "T.a.v. ...".
bool IsAddressee(std::string_view text) {
  const std::string folded = Folded(text);
  for (const std::string_view start : {"de minister", "de staatssecretaris", "aan ", "de heer",
                                       "mevrouw", "t.a.v", "dhr", "mw.", "geachte"}) {
    if (folded.rfind(start, 0) == 0) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> CoverAuthors(const std::vector<CoverLine>& lines) {
  std::vector<std::string> authors;
  for (int page_number = 0; page_number < kCoverPages; ++page_number) {
    const Lines page = LinesOn(lines, page_number);
    for (const CoverLine* line : page) {
      std::string rest;
      if (AuthorLabel(line->text, &rest)) {
        AddNames(PersonNames(rest), authors);
        const CoverLine* first = ValueOf(*line, page);
        if (first == nullptr || !rest.empty()) continue;
        for (const CoverLine* value : ColumnFrom(*first, page, kListPitch, kMaxAuthors)) {
          const std::vector<std::string> names = PersonNames(value->text);
          if (names.empty()) break;
          AddNames(names, authors);
        }
      } else if (StartsWithAcademicTitle(line->text)) {
        // One person per line: the name ends at the first comma, bracket or dash.
        const std::string_view text = line->text;
        AddNames(PersonNames(text.substr(0, text.find_first_of(",(\xE2"))), authors);
      }
    }
  }
  return authors;
}

std::string ColophonOrganisation(const std::vector<CoverLine>& lines) {
  for (int page_number = 0; page_number < kCoverPages; ++page_number) {
    const Lines page = LinesOn(lines, page_number);
    for (const CoverLine* address : page) {
      if (!IsAddressLine(address->text)) continue;
      // Up from the address to the block's first line or its label.
      Lines block;
      bool headed = false;
      for (const CoverLine* line = LineAbove(*address, page);
           line != nullptr && block.size() < kMaxColophonLines; line = LineAbove(*line, page)) {
        if (IsColophonLabel(Folded(line->text))) {
          headed = true;
          break;
        }
        if (!IsAddressLine(line->text)) block.push_back(line);
      }
      if (block.empty()) continue;
      const CoverLine& name = *block.back();
      if (std::any_of(block.begin(), block.end(),
                      [](const CoverLine* line) { return IsAddressee(line->text); })) {
        continue;
      }
      if (headed || IsOrganisationName(name.text)) return CleanLine(name.text);
    }
  }
  return {};
}

std::string CoverOrganisationLine(const std::vector<CoverLine>& lines) {
  const double body = BodySize(lines);
  for (int page_number = 0; page_number < kCoverPages; ++page_number) {
    const Lines page = LinesOn(lines, page_number);
    // On a page of running text only a header or footer (not body size) stands alone.
    const bool cover = LettersOn(page) < kCoverPageLetters;
    for (const CoverLine* line : page) {
      if ((!cover && SameSize(line->size, body)) || !IsOrganisationName(line->text) ||
          IsAddressee(line->text)) {
        continue;
      }
      const CoverLine* above = LineAbove(*line, page);
      const bool client = (above != nullptr && IsClientLabel(Folded(above->text))) ||
                          std::any_of(page.begin(), page.end(), [&](const CoverLine* other) {
                            return other != line && SameRow(*other, *line) &&
                                   other->right <= line->left && IsClientLabel(Folded(other->text));
                          });
      if (!client) return CleanLine(line->text);
    }
  }
  return {};
}

}  // namespace kb::extract
