// Geometry of cover lines (internal header): rows, columns, fields and their values, the body
// font size. Shared by the title rules (cover_page.cpp) and the credits rules
// (cover_credits.cpp). Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kb/extract/cover_page.h"

namespace kb::extract::layout {

using Lines = std::vector<const CoverLine*>;

// Font sizes within this fraction of each other are one size (producers write 32.0 and 32.1).
inline constexpr double kSameSize = 0.06;
// Lines whose tops are within this many font sizes of each other are on one row.
inline constexpr double kSameRow = 0.6;
// Lines of a list (authors, a colophon) lie at most this many font sizes apart.
inline constexpr double kListPitch = 2.2;
// A field's value starts at most this many font sizes below its label.
inline constexpr double kValueBelow = 2.5;
// Horizontal slack, in points, for lines that start in the same column.
inline constexpr double kColumnSlack = 6;

// Lower case, whitespace collapsed, trailing ':' and '.' dropped: for comparing with word lists.
std::string Folded(std::string_view text);

// True when `folded` is one of `words`.
bool OneOf(std::string_view folded, std::span<const std::string_view> words);

// True when `folded` starts with the whole word (or words) `word`.
bool StartsWithWord(std::string_view folded, std::string_view word);

// Sizes within kSameSize of each other; tops within kSameRow sizes; lefts within kColumnSlack.
bool SameSize(double a, double b);
bool SameRow(const CoverLine& a, const CoverLine& b);
bool SameColumn(const CoverLine& a, const CoverLine& b);

// Icon fonts put their glyphs in the Unicode private use area (U+E000..U+F8FF): a line set with
// them is the legend or a button of a saved web page ("[icon] Aanbieder [icon] Gemeente").
bool HasIconGlyph(std::string_view text);

// The label of a field on a letter, memo or report cover: "Datum", "Ons kenmerk", "Versie:".
bool IsFieldLabel(std::string_view text);

// The font size that carries the most letters on the cover pages.
double BodySize(const std::vector<CoverLine>& all);

// The lines of one page from top to bottom, left to right within a row.
Lines LinesOn(const std::vector<CoverLine>& all, int page);

// The letters of `lines`, icon glyphs left out.
std::size_t LettersOn(const Lines& lines);

// Appends `more` to `text` with a space between.
void Append(std::string& text, std::string_view more);

// Collapsed, without a dangling ':' or ',', cut at a word boundary.
std::string CleanLine(std::string_view text);

// The line that holds a field's value: to the right of the label on its row, else the first
// line right below it (not to its left). nullptr when none.
const CoverLine* ValueOf(const CoverLine& label, const Lines& page);

// A line that has another line to its left on its row sits in a table with labels.
bool HasLabelToItsLeft(const CoverLine& line, const Lines& page);

// The lines below `first` in its column, at most `pitch` font sizes apart, that stand alone
// on their row; `first` included.
Lines ColumnFrom(const CoverLine& first, const Lines& page, double pitch, std::size_t max);

// The nearest line right above `line` in its column, within list spacing; nullptr when none.
const CoverLine* LineAbove(const CoverLine& line, const Lines& page);

}  // namespace kb::extract::layout
