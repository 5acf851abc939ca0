// Cover pages: what the layout of a PDF's first pages says about its title, authors and
// publisher. The largest text on the cover is its title (not the running header, the contents
// page or a stamp); "Auteurs" heads a list of the people who wrote it; a colophon names the
// publisher above its address.
//
// The PDF extractor fills CoverLines from Poppler's text boxes with font sizes; everything here
// is a pure function of them (no I/O, no global state) and thread-safe. Text is UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kb::extract {

// Only the first pages are read with font information: later pages are the body.
inline constexpr int kCoverPages = 3;
// Bounds that keep a hostile PDF (millions of tiny words on page 1) from growing the cover.
inline constexpr std::size_t kMaxCoverLinesPerPage = 400;
inline constexpr std::size_t kMaxCoverLineBytes = 400;

// One line of text on a cover page: words of one font size on one baseline, without a column
// gap between them. Positions are in points from the page's top-left corner.
struct CoverLine {
  int page = 0;      // 0-based
  double size = 0;   // font size in points; 0 when the PDF gives none
  double left = 0;   // left edge of the first word
  double top = 0;    // top of the line
  double right = 0;  // right edge of the last word
  std::string text;  // words joined by single spaces, at most kMaxCoverLineBytes
};

// Text that is never a document's title, wherever it stands: the heading of a contents page
// ("Inhoud", "Inhoudsopgave"), a stamp ("Vertrouwelijk", "Concept"), web navigation
// ("Inloggen"), the masthead of an official gazette ("STAATSCOURANT", "Tweede Kamer der
// Staten-Generaal") or a date alone ("30 september 2021"). Case and a trailing ':' are ignored.
bool IsBoilerplateLine(std::string_view text);

// The cover title: on the first page that has one (a blank or logo-only cover is skipped), the
// topmost lines set in the largest font, when that font is at least 15% larger than the body
// text. Lines of that size that follow each other closely (line pitch <= 1.8 x size) are
// merged; a smaller line right below that starts in lower case continues the title ("in iWmo en
// iJw 3.1"); a lone genre word ("Rapport", "Eindrapport") takes the next line below. Never a
// running header (the same line on several pages), page number, date, version line, URL,
// section name ("Inhoud", "Samenvatting", "Documentatie"), stamp ("Vertrouwelijk"), web
// navigation ("Inloggen"), form label ("Datum:"), official gazette masthead ("STAATSCOURANT"),
// organisation name, or a legend set with icon glyphs. Empty when the cover shows no title.
std::string CoverTitle(const std::vector<CoverLine>& lines);

// The subject of a letter or memo on its first page: the value of "Onderwerp", "Betreft",
// "Inzake" or "Subject", on the label's line or right below it, with its continuation lines.
// Empty when the first page has no such field.
std::string LetterSubject(const std::vector<CoverLine>& lines);

// The people a cover or colophon names as authors, "Voornaam Achternaam" as printed, academic
// titles ("Prof.dr.", "mr. drs."), affiliations ("(Hogeschool Utrecht)", ", Universiteit
// Twente") and certifications ("– OSCP") removed:
//   - the list after a label "Auteur(s)", "Auteur:", "Door", "Geschreven door", "Opgesteld
//     door", "Samengesteld door": on the label's line, to its right, and in the column below
//     until the next field;
//   - cover lines that start with an academic title ("Prof.dr. Philip Brey, Universiteit ...").
// Organisations and anything that is not a person's name are left out. At most 30 names.
std::vector<std::string> CoverAuthors(const std::vector<CoverLine>& lines);

// The publisher named in a colophon or sender block: the first line of the lines right above a
// Dutch address (street and number, "Postbus 123" or "2514 JS Den Haag"), when it is an
// organisation's name or the block is headed "Colofon", "Contact", "Uitgave" or similar; an
// addressee ("De Minister van ...", "De heer ...") is not a publisher. Empty when none.
std::string ColophonOrganisation(const std::vector<CoverLine>& lines);

// An organisation's name standing alone on the first page (a masthead, footer or sender line),
// unless it is the value of a client field ("Organisatie:", "Opdrachtgever", "Klant").
// Weaker evidence than ColophonOrganisation. Empty when none.
std::string CoverOrganisationLine(const std::vector<CoverLine>& lines);

}  // namespace kb::extract
