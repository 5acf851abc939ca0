// Citation exports of documents and search hits: RIS, BibTeX, CSV and an APA-style reference.
//
// Pure functions from plain data to text; no I/O, no HTTP types, thread-safe. Text is UTF-8 in
// and out: non-ASCII characters are kept as they are in every format (BibTeX included; modern
// BibTeX/biber read UTF-8). Line breaks and runs of white space inside a value become one space,
// because none of the three formats can carry a line break inside a field portably.
//
//   ?format=ris     application/x-research-info-systems   CRLF lines, "TY  - " ... "ER  - "
//   ?format=bibtex  application/x-bibtex                  @techreport / @online / @misc
//                                                         (biblatex types; see BibtexEntry)
//   ?format=csv     text/csv; charset=utf-8               RFC 4180 with a UTF-8 byte order mark,
//                                                         header row, CRLF lines; ',' or ';'
//   ?format=apa     text/plain; charset=utf-8             one APA 7-style reference per line
//   ?format=atom    application/atom+xml; charset=utf-8   (search only) a feed, see atom_feed.h
//   ?format=json    (or no format) the JSON of the route
//
// One citation model for every format and for the web page (which shows the server's exports):
// authors are persons with family name, particle and given names (person_names.h), an
// organisation without personal authors is the corporate author, the item type follows the
// document's kind and evidence type (report, statute, news, web article, generic), and regions
// are keywords only for a document about a few of them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/core/status.h"
#include "kb/http/person_names.h"
#include "kb/search/search_result.h"

namespace kb::http {

enum class ExportFormat { kJson, kRis, kBibtex, kCsv, kApa, kAtom };

// "ris", "bibtex", "csv", "apa", "atom" or "json"; InvalidArgument naming the parameter 'format'
// otherwise.
Result<ExportFormat> ParseExportFormat(std::string_view value);

// The Content-Type of an export ("application/json; charset=utf-8" for kJson).
std::string_view ExportContentType(ExportFormat format);
// File name extension without the dot: "ris", "bib", "csv", "txt", "json".
std::string_view ExportExtension(ExportFormat format);

// What one citation holds, whether it comes from a stored document or from a search hit.
struct CitationRecord {
  std::string id;
  std::string title;
  std::string kind;      // schema::kKinds; unknown kinds export as generic
  std::string evidence;  // schema::kEvidenceTypes; "nieuws" makes a news item
  int page_count = 0;    // 0 when unknown
  std::string format;    // "pdf", "docx", ...: the original file's format
  int year = 0;          // 0 when unknown
  std::string date;      // "YYYY-MM-DD", "YYYY-MM", "YYYY" or empty
  std::vector<std::string> authors;
  std::string organisation;
  std::string language;                 // ISO 639-1
  std::vector<std::string> themes;      // display names
  std::vector<std::string> gemeenten;   // names
  std::vector<std::string> provincies;  // names
  // A citation of one page (0: the whole document), and a passage of it a user marked.
  int page = 0;
  std::string quote;  // plain text
};

CitationRecord CitationOf(const StoredDocument& document);

// The persons and organisations to cite as authors (person_names.h); the organisation as the
// corporate author when no person is named.
std::vector<PersonName> CitationAuthors(const CitationRecord& record);
// Themes, and the regions of a document about a few (at most 3 provincies, 10 gemeenten).
std::vector<std::string> CitationKeywords(const CitationRecord& record);
// A report (RPRT, @techreport); a news item or web article (NEWS/ELEC, @online).
bool IsReport(const CitationRecord& record);
bool IsWebItem(const CitationRecord& record);

// Where exported links point. `origin` is "scheme://host[:port]" without a trailing slash.
struct ExportLinks {
  std::string origin = "http://localhost";

  // The document's page in the web interface: origin + "/?doc=" + id.
  std::string DocumentPage(std::string_view id) const;
  // The original file: origin + "/api/documents/{id}/file".
  std::string DocumentFile(std::string_view id) const;
};

// One document or a list of hits in `format` (not kJson). An empty list gives an empty RIS or
// BibTeX file and a CSV with only the header row.
// `csv_separator` is ',' or ';' (the list separator of a Dutch Excel).
std::string ExportCitations(ExportFormat format, const std::vector<CitationRecord>& records,
                            const ExportLinks& links, char csv_separator = ',');

// The individual writers, exposed for tests.
std::string RisRecord(const CitationRecord& record, const ExportLinks& links);
std::string BibtexEntry(const CitationRecord& record, const ExportLinks& links);
std::string BibtexKey(const CitationRecord& record);
// APA 7-style reference for grey literature: "Auteur, B & Auteur C (jaar). Titel [Soort].
// Organisatie. URL"; without authors the organisation takes their place, without either the
// title does ("Titel [Soort]. (jaar). URL"); "z.d." without a year.
std::string ApaReference(const CitationRecord& record, const ExportLinks& links);
std::string BibtexEscape(std::string_view text);
std::string CsvField(std::string_view text, char separator = ',');

// An ASCII file name stem from a title: folded, lower case, words joined by '-', at most 60
// characters; `fallback` when nothing is left.
std::string FileStem(std::string_view title, std::string_view fallback);

}  // namespace kb::http
