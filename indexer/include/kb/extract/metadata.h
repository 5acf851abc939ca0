// Metadata heuristics: turning what a file declares and what its text says into a complete
// title, date, kind and language for an ExtractedDoc.
//
// Every function is pure (no I/O, no global state) and thread-safe. Text is UTF-8.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kb/extract/extracted_doc.h"

namespace kb::extract {

// What a file says about itself before any guessing: a PDF's document information dictionary,
// a Markdown file's YAML front matter and first heading. Empty fields are unknown.
struct DeclaredMetadata {
  std::string title;                 // PDF /Title or front matter "title"
  std::string heading;               // first Markdown heading
  std::string date;                  // PDF /CreationDate or front matter "date", any format
  std::string fallback_date;         // PDF /ModDate: used only when nothing better is found
  std::vector<std::string> authors;  // PDF /Author (split on ';') or front matter "author(s)"
  std::string organisation;          // PDF /Company when set
};

// Fills doc.title, doc.date, doc.kind and doc.language (and authors/organisation when empty)
// from `declared`, doc.pages and the file name, in the order documented per function below; an
// act without a declared organisation gets its SigningMinistry.
// Afterwards doc.title is never empty.
void CompleteMetadata(const DeclaredMetadata& declared, const std::filesystem::path& path,
                      ExtractedDoc& doc);

// --- Authors ---

// The names in an author field, one per person: split on ';', " en ", " & " and " and ", and on
// commas between full names ("Anneke Hofstede, Youssef el Amrani"), but "Achternaam, Voornaam"
// or "Vries, J. de" (one comma, a single word on one side or initials) stays one name.
// Whitespace collapsed; empty pieces dropped.
std::vector<std::string> SplitAuthors(std::string_view field);

// --- Organisation ---

// The publisher of a news or government site by the host of `url` ("https://www.ad.nl/..." ->
// "Algemeen Dagblad", "nos.nl" -> "NOS"); empty for other sites.
std::string PublisherOfUrl(std::string_view url);

// The ministry that issued an act: the first "De Minister van X" or "De Staatssecretaris van X"
// after "Gegeven te" in `pages` -> "Ministerie van X"; empty when none signs.
std::string SigningMinistry(const std::vector<std::string>& pages);

// --- Title ---

// A declared title is rejected when it is empty, has no letters, is longer than 250 bytes,
// looks like a file name ("rapport_v3.docx", "Microsoft Word - x.docx", "Untitled", "titel"),
// or is a placeholder from an office template. Whitespace is collapsed before checking.
bool IsPlausibleTitle(std::string_view title);

// The short title by which a Dutch act is cited, when `title` is the act's long title ("Wet van
// 9 juli 2014, houdende ...", also "Besluit van", "Rijkswet van", "Regeling van", "Beschikking
// van"): the name in the act's own citation article in `text` (the last "wordt aangehaald als:
// Participatiewet."), else the bracketed name that ends the long title ("... (Wet
// maatschappelijke ondersteuning 2015)"), else the act it establishes ("tot vaststelling van de
// Wet gelijke behandeling ..."). Other titles are returned as they are. Applied to declared and
// text titles.
std::string CitationTitle(std::string_view title, const std::vector<std::string>& text = {});

// The first line of `text` that can serve as a title: at least two words or eight letters,
// mostly letters, not a page number, date, URL or running header ("Pagina 3 van 10"). A short
// line (< 60 bytes) is joined with up to two following short lines that start in lower case
// (a cover title broken over lines). Cut to at most 200 bytes at a word boundary. Empty when
// there is none.
std::string TitleFromText(std::string_view text);

// "hervormingsagenda-jeugd-2023-2028.pdf" -> "hervormingsagenda jeugd 2023 2028": the stem with
// '_', '-' and '+' turned into spaces. Never empty for a non-empty file name.
std::string TitleFromFileName(const std::filesystem::path& path);

// --- Dates ---
// Dates are returned as "YYYY-MM-DD", "YYYY-MM" or "YYYY" (as precise as the source), or empty.

// Parses one date value in the formats metadata comes in: ISO 8601 ("2019-09-24T17:14:49Z"),
// RFC 2822 ("Wed, 03 Jul 2019 17:28:37 GMT"), and everything FindDutchDate recognises.
std::string NormaliseDate(std::string_view value);

// The first date written in `text`, Dutch style: "22 oktober 2018", "3 okt. 2018",
// "oktober 2018", "22-10-2018", "22/10/2018", "22.10.2018", or ISO "2018-10-22". Years must
// lie in 1900..2100 and days/months must be valid; a bare year is never taken.
std::string FindDutchDate(std::string_view text);

// --- Kind ---

// One of "wet", "interview", "rapport", "artikel", "overig", decided in this order:
//   wet       - the title opens with a law or regulation (a first word ending in "wet", or
//               being "verordening", "besluit", "regeling", "beleidsregel", "reglement",
//               "aanwijzing"; "De Participatiewet onder de loep" is about a law), or the text
//               has at least three "Artikel N" headings together with a legal formula
//               ("gelet op", "Staatsblad", "Staatscourant", "bij de gratie Gods");
//   interview - "interview" or "gesprek met" in the title or the first 300 bytes (the lead),
//               or a transcript: of at least eight lines, the two most frequent first words
//               ("Ik"/"Els", "Vraag:"/"Antwoord:") each open three or more and together 60%;
//   rapport   - "rapport"/"onderzoek"/"evaluatie"/"monitor"/"analyse" in the title, or at
//               least 20 pages, or at least three report markers in the first pages
//               ("samenvatting", "aanbevelingen", "conclusies", "inhoudsopgave", "onderzoek",
//               "methode", "bijlage", "literatuur");
//   artikel   - short prose (under 4000 words);
//   overig    - everything else (long unstructured texts, forms, lists).
std::string GuessKind(const ExtractedDoc& doc);

// --- Language ---

// An ISO 639-1 code among "nl", "fy", "en", "de", chosen by counting each language's most
// frequent function words (words that are not also frequent in the others) in the first
// 20000 bytes. "nl" when there is too little evidence (fewer than five hits).
//
// CompleteMetadata's order of sources:
//   title - declared title (Markdown emphasis removed) if IsPlausibleTitle, then the first
//           heading, then TitleFromText on the first 6000 bytes, then TitleFromFileName;
//   date  - declared date, then FindDutchDate on the first 20000 bytes, then a date in the
//           file name ("2019-10-30-x.md", "verslag_14-02-2021.md"), then the fallback date.
std::string GuessLanguage(std::string_view text);

}  // namespace kb::extract
