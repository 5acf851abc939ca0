// Metadata heuristics: turning what a file declares and what its text says into a complete
// title, date, kind and language for an ExtractedDoc.
//
// Every function is pure (no I/O, no global state) and thread-safe. Text is UTF-8.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kb/extract/cover_page.h"
#include "kb/extract/extracted_doc.h"

namespace kb::extract {

// What a file says about itself before any guessing: a PDF's document information dictionary,
// a Markdown file's YAML front matter and first heading. Empty fields are unknown.
struct DeclaredMetadata {
  std::string title;                 // PDF /Title or front matter "title" ("hero-heading", ...)
  std::string heading;               // first Markdown heading (ATX or HTML <h1>-<h6>)
  std::string date;                  // PDF /CreationDate or front matter "date", any format
  std::string fallback_date;         // PDF /ModDate: used only when nothing better is found
  std::vector<std::string> authors;  // front matter "author(s)": taken as they are
  // PDF /Author: often the account that saved the file rather than a writer, so its names are
  // kept only when the text names them too (ConfirmedAuthors).
  std::string info_author;
  std::string organisation;  // PDF /Company or front matter "organisation", "publisher"
  // Front matter "categories", "category", "section", "rubriek" or "genre": the site's own
  // section for the page ("opinie", "binnenland"); list items joined with "; ".
  std::string section;
  std::vector<CoverLine> cover;  // PDFs: the lines of the first kCoverPages pages with sizes
};

// Fills doc.title, doc.date, doc.kind, doc.evidence (ClassifyEvidence), doc.language, doc.authors
// and doc.organisation (the last two when empty) from `declared`, doc.pages and the file name, in
// the order documented per function below. Afterwards doc.title is never empty and every field
// keeps the bounds of extracted_doc.h (kMaxTitleBytes, kMaxAuthors of kMaxAuthorBytes,
// kMaxOrganisationBytes).
//
// Order of sources:
//   title        - CoverTitle, LetterSubject, the declared title (Markdown emphasis removed),
//                  the first heading, each if IsPlausibleTitle; TitleFromFileName when the
//                  heading only repeats the file name or a PDF's first page has no text (an
//                  image cover); TitleFromText on the first 6000 bytes; TitleFromFileName.
//                  CitationTitle is applied to each;
//   authors      - front matter authors; else CoverAuthors, BylineAuthors and the
//                  ConfirmedAuthors of the PDF /Author, one name per person;
//   organisation - declared; an act's SigningMinistry or EnactingAuthority;
//                  ColophonOrganisation; an organisation given as PDF /Author;
//                  PublisherInText; CoverOrganisationLine (in the text's own spelling);
//                  MostNamedOrganisation;
//                  each WithoutLegalForm;
//   date         - declared date, FindDutchDate on the first 20000 bytes, a date in the file
//                  name ("2019-10-30-x.md", "verslag_14-02-2021.md"), the fallback date.
void CompleteMetadata(const DeclaredMetadata& declared, const std::filesystem::path& path,
                      ExtractedDoc& doc);

// --- Authors ---

// The names in an author field, one per person: split on ';', " en ", " & " and " and ", and on
// commas between full names ("Anneke Hofstede, Youssef el Amrani"), but "Achternaam, Voornaam"
// or "Vries, J. de" (one comma, a single word on one side or initials) stays one name.
// Whitespace collapsed; empty pieces dropped.
std::vector<std::string> SplitAuthors(std::string_view field);

// One person's name as a citation gives it, or empty when `text` is not a person's name:
// academic titles ("Prof.dr.ir.", "mr. drs.") and post-nominals ("CIPP/E", "MSc") removed,
// bracketed affiliations dropped ("Nadja Jungmann (Hogeschool Utrecht)" -> "Nadja Jungmann").
// A name is two to six words: capitalised words, initials ("M.R.") and particles ("van",
// "de", "el"), ending in a capitalised family name; or "Achternaam, Voornaam" ("Vries, J. de").
// Organisations, digits, e-mail addresses and lower-case words are not names.
std::string PersonName(std::string_view text);

// The people in one line of names ("Anneke Hofstede en Youssef el Amrani", "Prof.dr. P.
// Verbeek, Universiteit Twente", "M.R. van Geelen – OSCP"): what follows a spaced dash and a
// role or affiliation after a comma are dropped, the rest is split with SplitAuthors and
// cleaned with PersonName. Empty when any piece is not a person's name.
std::vector<std::string> PersonNames(std::string_view line);

// The authors of a byline among the first 3000 bytes: "Door Anneke Hofstede", "Geplaatst door
// Mark Gremmen op woensdag 27 maart 2019", "Auteur: Jan Smit", "Tekst: ...". Empty when none.
std::vector<std::string> BylineAuthors(std::string_view text);

// The names in `declared` (a PDF's /Author, split) that `text` names too, by family name, each
// in the text's own spelling when the text gives the name from its first word to its family
// name ("Jan Jaap de Groot" for "Jan Jaap Egbert de Groot"). Account names ("HOORENMANJC"),
// organisations and people the document never mentions are dropped.
std::vector<std::string> ConfirmedAuthors(const std::vector<std::string>& declared,
                                          std::string_view text);

// True when two names have the same family name ("Paul Vroonhof", "Vroonhof, Paul").
bool SameAuthor(std::string_view a, std::string_view b);

// --- Organisation ---

// True when `name` is an organisation's name rather than a person's or a title: it starts with a
// word that says so ("Ministerie", "Gemeente", "Stichting", "Vereniging", "Hogeschool",
// "Inspectie", "Zorginstituut", "Centrum voor", "Raad van", "Tweede Kamer"), ends with one
// ("... Instituut", "... Universiteit", "... University", "... Partners", "... B.V.",
// "... Gemeenten", "Centraal Planbureau"), or is a known publisher ("Movisie", "Nibud", "NOS").
// Each part of "VWS | Directie Informatiebeleid / CIO" is looked at. At most 12 words.
bool IsOrganisationName(std::string_view name);

// An organisation's name as people cite it, without its legal form: "Pels Rijcken & Droogleever
// Fortuijn N.V." -> "Pels Rijcken & Droogleever Fortuijn" (also B.V., BV, NV, V.O.F., U.A.,
// Ltd, Inc., GmbH, after a comma or not). A name that is only a legal form stays as it is.
std::string WithoutLegalForm(std::string_view name);

// `name` as the first 20000 bytes of `text` spell it when they put commas between its words
// ("Inspectie belastingen, toeslagen en douane" for the running header's "Inspectie belastingen
// toeslagen en douane"); else `name` itself.
std::string SpelledAsInText(std::string_view name, std::string_view text);

// The publisher a text names in its first 20000 bytes: after "Publisher:", "Uitgever:",
// "Uitgave:", "Uitgegeven door", "Een uitgave van", in a copyright notice ("© Privacy
// Management Partners 2020", "Copyright © 2020 NFIR BV"), or an organisation given as
// "Auteur:". Template placeholders ("© 202* – [Naam organisatie]") and photo credits naming a
// person are not publishers. Empty when none.
std::string PublisherInText(std::string_view text);

// The organisation `text` names most often, in the spelling it uses most, when it is named at least
// twice and more often than any other: names are runs of capitalised words that IsOrganisationName
// accepts, or their longest tail
// ("Data Science Hub van VNG Realisatie" -> "VNG Realisatie"); "WIJ Groningen" counts for
// "Stichting WIJ Groningen" (also after "Vereniging" and "Coöperatie"). Empty otherwise.
std::string MostNamedOrganisation(std::string_view text);

// True when `organisation` is a news outlet: a newspaper, broadcaster or news site among the
// publishers PublisherOfUrl knows ("NOS", "Algemeen Dagblad", "Tweakers"), or a name that says
// so ("Brabants Dagblad", "Omroep Gelderland", "RTV Rijnmond", "... Courant").
bool IsNewsOutlet(std::string_view organisation);

// The publisher of a news or government site by the host of `url` ("https://www.ad.nl/..." ->
// "Algemeen Dagblad", "nos.nl" -> "NOS"); empty for other sites.
std::string PublisherOfUrl(std::string_view url);

// The ministry that issued an act: the first "De Minister van X" or "De Staatssecretaris van X"
// after "Gegeven te" or "Lasten en bevelen" in `pages` -> "Ministerie van X"; else the minister
// on whose proposal a decree is made ("Op de voordracht van de Staatssecretaris van X van 3
// april 2015"); empty when none.
std::string SigningMinistry(const std::vector<std::string>& pages);

// The council that enacts a local or provincial regulation: "DE RAAD VAN DE GEMEENTE
// GRONINGEN," -> "Gemeente Groningen", "Provinciale Staten van Fryslân" -> "Provincie Fryslân"
// (also "burgemeester en wethouders van de gemeente X", "Gedeputeerde Staten van X"), in the
// first 20000 bytes of `text`. Empty when none.
std::string EnactingAuthority(std::string_view text);

// --- Title ---

// A declared title is rejected when it is empty, has no letters, is longer than 250 bytes,
// looks like a file name ("rapport_v3.docx", "Microsoft Word - x.docx", "Untitled", "titel"),
// is a placeholder from an office template, or is boilerplate (IsBoilerplateLine: "Inhoud",
// "Vertrouwelijk", "STAATSCOURANT", "30 september 2021"). Whitespace is collapsed first.
bool IsPlausibleTitle(std::string_view title);

// True when `title` is a file's name rather than a title: it ends in a document's extension
// (".pdf", ".docx", ".md", ".html", ...), or has no space and an underscore, a slash or two
// hyphens ("rapport_v3", "eindrapport-def-versie2").
bool LooksLikeFileName(std::string_view title);

// The short title by which a Dutch act is cited, when `title` is the act's long title ("Wet van
// 9 juli 2014, houdende ...", also "Besluit van", "Rijkswet van", "Regeling van", "Beschikking
// van"): the name in the act's own citation article in `text` (the last "wordt aangehaald als:
// Participatiewet."), else the bracketed name that ends the long title ("... (Wet
// maatschappelijke ondersteuning 2015)"), else the act it establishes ("tot vaststelling van de
// Wet gelijke behandeling ..."). Other titles are returned as they are. Applied to declared and
// text titles.
std::string CitationTitle(std::string_view title, const std::vector<std::string>& text = {});

// The first line of `text` that can serve as a title: at least two words or eight letters,
// mostly letters, not a page number, date, URL, running header ("Pagina 3 van 10"), entry of a
// table of contents ("Inleiding ....... 3"), boilerplate (IsBoilerplateLine), organisation's
// name, or running text (two sentences, or a sentence of six words or more ending in a full
// stop). A short line (< 60 bytes) is joined with up to two following short lines that start in
// lower case (a cover title broken over lines), or with the next line even after a blank one
// when it ends in a joining word ("... en de"). Cut to at most 200 bytes at a word boundary.
// Empty when there is none.
std::string TitleFromText(std::string_view text);

// "hervormingsagenda-jeugd-2023-2028.pdf" -> "hervormingsagenda jeugd 2023 2028": the stem with
// '_', '+' and (in a name without spaces) '-' turned into spaces, without a leading date stamp
// ("20250512 ", "2021-10-05 ") or trailing status and version words ("definitief", "concept",
// "versie 1.2", "v3"). Never empty for a non-empty file name; at most kMaxTitleBytes.
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
std::string GuessLanguage(std::string_view text);

}  // namespace kb::extract
