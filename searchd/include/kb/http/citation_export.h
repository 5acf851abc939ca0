// Citation exports of documents and search hits: RIS, BibTeX, CSV and an APA-style reference.
//
// Pure functions from plain data to text; no I/O, no HTTP types, thread-safe. Text is UTF-8 in
// and out: non-ASCII characters are kept as they are in every format (BibTeX included; modern
// BibTeX/biber read UTF-8). Line breaks and runs of white space inside a value become one space,
// because none of the three formats can carry a line break inside a field portably.
//
//   ?format=ris     application/x-research-info-systems   CRLF lines, "TY  - " ... "ER  - "
//   ?format=bibtex  application/x-bibtex                  @techreport / @article / @misc
//   ?format=csv     text/csv; charset=utf-8               RFC 4180, header row, CRLF lines
//   ?format=apa     text/plain; charset=utf-8             one APA 7-style reference per line
//   ?format=json    (or no format) the JSON of the route
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/core/status.h"
#include "kb/search/search_result.h"

namespace kb::http {

enum class ExportFormat { kJson, kRis, kBibtex, kCsv, kApa };

// "ris", "bibtex", "csv", "apa" or "json"; InvalidArgument naming the parameter 'format' otherwise.
Result<ExportFormat> ParseExportFormat(std::string_view value);

// The Content-Type of an export ("application/json; charset=utf-8" for kJson).
std::string_view ExportContentType(ExportFormat format);
// File name extension without the dot: "ris", "bib", "csv", "txt", "json".
std::string_view ExportExtension(ExportFormat format);

// What one citation holds, whether it comes from a stored document or from a search hit.
struct CitationRecord {
  std::string id;
  std::string title;
  std::string kind;  // schema::kKinds; unknown kinds export as generic
  int year = 0;      // 0 when unknown
  std::string date;  // "YYYY-MM-DD", "YYYY-MM", "YYYY" or empty
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
// A hit carries no authors, organisation or language; they stay empty.
CitationRecord CitationOf(const search::Hit& hit);

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
std::string ExportCitations(ExportFormat format, const std::vector<CitationRecord>& records,
                            const ExportLinks& links);

// The individual writers, exposed for tests.
std::string RisRecord(const CitationRecord& record, const ExportLinks& links);
std::string BibtexEntry(const CitationRecord& record, const ExportLinks& links);
std::string BibtexKey(const CitationRecord& record);
// APA 7-style reference for grey literature: "Auteur, B & Auteur C (jaar). Titel [Soort].
// Organisatie. URL"; without authors the organisation takes their place, without either the
// title does ("Titel [Soort]. (jaar). URL"); "z.d." without a year.
std::string ApaReference(const CitationRecord& record, const ExportLinks& links);
std::string BibtexEscape(std::string_view text);
std::string CsvField(std::string_view text);

// An ASCII file name stem from a title: folded, lower case, words joined by '-', at most 60
// characters; `fallback` when nothing is left.
std::string FileStem(std::string_view title, std::string_view fallback);

}  // namespace kb::http
