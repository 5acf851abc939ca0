// Geometry of cover lines: rows, columns, fields and their values, the body font size.
#include "cover_layout.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kb/extract/extracted_doc.h"
#include "text_scan.h"

namespace kb::extract::layout {
namespace {

// The labels of the fields on a letter, memo or report cover, lower case.
// clang-format off
constexpr std::string_view kFieldLabels[] = {
    "datum", "onderwerp", "betreft", "inzake", "kenmerk", "ons kenmerk", "uw kenmerk",
    "contactpersoon", "telefoon", "e-mail", "referentie", "versie", "status", "auteur", "auteurs",
    "opdrachtgever", "opdrachtgever(s)", "projectnummer", "projectnaam", "classificatie",
    "organisatie", "aan", "van", "cc", "voor", "zaaknr", "zaaknummer", "gepubliceerd", "klant",
    "klantnaam", "doorkiesnummer"};
// clang-format on

}  // namespace

// Lower case, whitespace collapsed, trailing ':' and '.' dropped: for comparing with word lists.
std::string Folded(std::string_view text) {
  std::string out = scan::ToLowerAscii(scan::CollapseWhitespace(text));
  while (!out.empty() && (out.back() == ':' || out.back() == '.' || out.back() == ' ')) {
    out.pop_back();
  }
  return out;
}

bool OneOf(std::string_view folded, std::span<const std::string_view> words) {
  return std::find(words.begin(), words.end(), folded) != words.end();
}

bool StartsWithWord(std::string_view folded, std::string_view word) {
  return folded.substr(0, word.size()) == word &&
         (folded.size() == word.size() || !scan::IsWordByte(folded[word.size()]));
}

bool SameSize(double a, double b) { return std::abs(a - b) <= kSameSize * std::max(a, b); }

bool SameRow(const CoverLine& a, const CoverLine& b) {
  return std::abs(a.top - b.top) <= kSameRow * std::max(a.size, b.size);
}

bool SameColumn(const CoverLine& a, const CoverLine& b) {
  return std::abs(a.left - b.left) <= kColumnSlack;
}

// Icon fonts put their glyphs in the Unicode private use area (U+E000..U+F8FF): a line set with
// them is the legend or a button of a saved web page ("[icon] Aanbieder [icon] Gemeente").
bool HasIconGlyph(std::string_view text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if (lead == 0xEE || (lead == 0xEF && next >= 0x80 && next <= 0xA3)) return true;
  }
  return false;
}

// The label of a field on a letter, memo or report cover: "Datum", "Ons kenmerk", "Versie:".
bool IsFieldLabel(std::string_view text) {
  const std::string collapsed = scan::CollapseWhitespace(text);
  if (!collapsed.empty() && collapsed.back() == ':') return true;
  return OneOf(Folded(text), kFieldLabels);
}

// The font size that carries the most letters on the cover pages.
double BodySize(const std::vector<CoverLine>& all) {
  std::map<long, std::size_t> letters;
  for (const CoverLine& line : all) {
    if (line.size > 0) letters[std::lround(line.size * 10)] += scan::CountLetters(line.text);
  }
  long best = 0;
  std::size_t most = 0;
  for (const auto& [tenths, count] : letters) {
    if (count > most) {
      most = count;
      best = tenths;
    }
  }
  return static_cast<double>(best) / 10;
}

// The lines of one page from top to bottom, left to right within a row.
Lines LinesOn(const std::vector<CoverLine>& all, int page) {
  Lines lines;
  for (const CoverLine& line : all) {
    if (line.page == page) lines.push_back(&line);
  }
  std::stable_sort(lines.begin(), lines.end(), [](const CoverLine* a, const CoverLine* b) {
    if (!SameRow(*a, *b)) return a->top < b->top;
    return a->left < b->left;
  });
  return lines;
}

std::size_t LettersOn(const Lines& lines) {
  std::size_t letters = 0;
  for (const CoverLine* line : lines) {
    if (!HasIconGlyph(line->text)) letters += scan::CountLetters(line->text);
  }
  return letters;
}

void Append(std::string& text, std::string_view more) {
  if (!text.empty()) text.push_back(' ');
  text.append(more);
}

// Collapsed, without a dangling ':' or ',', cut at a word boundary.
std::string CleanLine(std::string_view text) {
  std::string out = scan::CollapseWhitespace(text);
  while (!out.empty() && (out.back() == ':' || out.back() == ',' || out.back() == ';')) {
    out.pop_back();
  }
  if (out.size() > kMaxTitleBytes) {
    std::size_t cut = out.rfind(' ', kMaxTitleBytes);
    if (cut == std::string::npos) {
      cut = kMaxTitleBytes;
      while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    }
    out.resize(cut);
  }
  return out;
}

// The line that holds a field's value: to the right of the label on its row, else the first
// line right below it (not to its left). nullptr when none.
const CoverLine* ValueOf(const CoverLine& label, const Lines& page) {
  for (const CoverLine* line : page) {
    if (line != &label && SameRow(*line, label) && line->left > label.right &&
        !IsFieldLabel(line->text)) {
      return line;
    }
  }
  for (const CoverLine* line : page) {
    const double below = line->top - label.top;
    if (below > kSameRow * label.size && below <= kValueBelow * label.size &&
        line->left >= label.left - kColumnSlack) {
      return line;
    }
  }
  return nullptr;
}

// A line that has another line to its left on its row sits in a table with labels.
bool HasLabelToItsLeft(const CoverLine& line, const Lines& page) {
  return std::any_of(page.begin(), page.end(), [&](const CoverLine* other) {
    return other != &line && SameRow(*other, line) && other->right <= line.left;
  });
}

// The lines below `first` in its column, at most `pitch` font sizes apart, that stand alone
// on their row; `first` included.
Lines ColumnFrom(const CoverLine& first, const Lines& page, double pitch, std::size_t max) {
  Lines column{&first};
  for (const CoverLine* line : page) {
    if (column.size() >= max) break;
    const CoverLine& last = *column.back();
    if (line->top <= last.top + kSameRow * last.size) continue;
    if (line->top - last.top > pitch * last.size) break;
    if (!SameColumn(*line, first)) continue;
    if (HasLabelToItsLeft(*line, page)) break;
    column.push_back(line);
  }
  return column;
}

// The nearest line right above `line` in its column, within list spacing; nullptr when none.
const CoverLine* LineAbove(const CoverLine& line, const Lines& page) {
  const CoverLine* best = nullptr;
  for (const CoverLine* other : page) {
    const double above = line.top - other->top;
    if (above > kSameRow * line.size && above <= kListPitch * std::max(line.size, other->size) &&
        SameColumn(*other, line) && (best == nullptr || other->top > best->top)) {
      best = other;
    }
  }
  return best;
}

}  // namespace kb::extract::layout
