#include "kb/http/citation_export.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <utility>

#include "kb/analysis/text_fold.h"
#include "kb/search/catalog.h"

namespace kb::http {

namespace {

// Runs of white space (line breaks included) become one space; ends are trimmed.
std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string YearOf(const CitationRecord& r) {
  if (r.year > 0) return std::to_string(r.year);
  if (r.date.size() >= 4) return r.date.substr(0, 4);
  return {};
}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// "2018-05-03" -> "2018/05/03/", "2018-05" -> "2018/05//", "2018" -> "2018///" (RIS DA).
std::string RisDate(const CitationRecord& r) {
  const std::string_view d = r.date;
  if (d.size() >= 4 && IsDigits(d.substr(0, 4))) {
    std::string out(d.substr(0, 4));
    out += '/';
    if (d.size() >= 7 && d[4] == '-' && IsDigits(d.substr(5, 2))) out += d.substr(5, 2);
    out += '/';
    if (d.size() >= 10 && d[7] == '-' && IsDigits(d.substr(8, 2))) out += d.substr(8, 2);
    out += '/';
    return out;
  }
  const std::string year = YearOf(r);
  return year.empty() ? std::string() : year + "///";
}

std::string_view RisType(std::string_view kind) {
  if (kind == "rapport") return "RPRT";
  if (kind == "artikel") return "JOUR";
  if (kind == "wet") return "STAT";
  return "GEN";  // interview, overig and anything unknown
}

std::string_view BibtexType(std::string_view kind) {
  if (kind == "rapport") return "techreport";
  if (kind == "artikel") return "article";
  return "misc";
}

std::string Title(const CitationRecord& r) {
  std::string title = OneLine(r.title);
  return title.empty() ? "Zonder titel" : title;
}

// A document without a personal author is cited by its organisation (a corporate author).
bool CorporateAuthor(const CitationRecord& r) {
  return r.authors.empty() && !OneLine(r.organisation).empty();
}

std::string Join(const std::vector<std::string>& values, std::string_view separator) {
  std::string out;
  for (const auto& v : values) {
    const std::string value = OneLine(v);
    if (value.empty()) continue;
    if (!out.empty()) out += separator;
    out += value;
  }
  return out;
}

// ASCII letters and digits of the folded text, other runs as one `separator`.
std::string AsciiWords(std::string_view text, char separator) {
  std::string out = analysis::Slug(text);
  std::replace(out.begin(), out.end(), '-', separator);
  return out;
}

}  // namespace

Result<ExportFormat> ParseExportFormat(std::string_view value) {
  if (value == "ris") return ExportFormat::kRis;
  if (value == "bibtex") return ExportFormat::kBibtex;
  if (value == "csv") return ExportFormat::kCsv;
  if (value == "apa") return ExportFormat::kApa;
  if (value == "json") return ExportFormat::kJson;
  return InvalidParameter(
      "format",
      "'" + std::string(value.substr(0, 40)) +
          "' is onbekend; kies ris, bibtex, csv of apa, of laat de parameter weg voor JSON");
}

std::string_view ExportContentType(ExportFormat format) {
  switch (format) {
    case ExportFormat::kRis:
      return "application/x-research-info-systems";
    case ExportFormat::kBibtex:
      return "application/x-bibtex";
    case ExportFormat::kCsv:
      return "text/csv; charset=utf-8";
    case ExportFormat::kApa:
      return "text/plain; charset=utf-8";
    case ExportFormat::kJson:
      break;
  }
  return "application/json; charset=utf-8";
}

std::string_view ExportExtension(ExportFormat format) {
  switch (format) {
    case ExportFormat::kRis:
      return "ris";
    case ExportFormat::kBibtex:
      return "bib";
    case ExportFormat::kCsv:
      return "csv";
    case ExportFormat::kApa:
      return "txt";
    case ExportFormat::kJson:
      break;
  }
  return "json";
}

CitationRecord CitationOf(const StoredDocument& d) {
  CitationRecord r;
  r.id = d.id;
  r.title = d.title;
  r.kind = d.kind;
  r.year = d.year;
  r.date = d.date;
  r.authors = d.authors;
  r.organisation = d.organisation;
  r.language = d.language;
  for (const auto& t : d.themes) r.themes.push_back(t.name);
  for (const auto& g : d.gemeenten) r.gemeenten.push_back(g.name);
  r.provincies = d.provincies;
  return r;
}

CitationRecord CitationOf(const search::Hit& h) {
  CitationRecord r;
  r.id = h.id;
  r.title = h.title;
  r.kind = h.kind;
  r.year = h.year;
  r.date = h.date;
  for (const auto& t : h.themes) r.themes.push_back(t.name);
  for (const auto& g : h.gemeenten) r.gemeenten.push_back(g.name);
  r.provincies = h.provincies;
  return r;
}

std::string ExportLinks::DocumentPage(std::string_view id) const {
  return origin + "/?doc=" + std::string(id);
}

std::string ExportLinks::DocumentFile(std::string_view id) const {
  return origin + "/api/documents/" + std::string(id) + "/file";
}

std::string RisRecord(const CitationRecord& r, const ExportLinks& links) {
  std::string out;
  auto line = [&out](std::string_view tag, std::string_view value) {
    const std::string v = OneLine(value);
    if (v.empty()) return;
    out.append(tag).append("  - ").append(v).append("\r\n");
  };
  line("TY", RisType(r.kind));
  line("TI", Title(r));
  for (const auto& a : r.authors) line("AU", a);
  if (CorporateAuthor(r)) line("AU", r.organisation);
  line("PY", YearOf(r));
  line("DA", RisDate(r));
  line("PB", r.organisation);
  for (const auto& t : r.themes) line("KW", t);
  for (const auto& p : r.provincies) line("KW", p);
  for (const auto& g : r.gemeenten) line("KW", g);
  line("LA", r.language);
  if (r.page > 0) line("SP", std::to_string(r.page));
  if (!r.quote.empty()) line("N1", "Passage (p. " + std::to_string(r.page) + "): " + r.quote);
  line("UR", links.DocumentPage(r.id));
  line("L1", links.DocumentFile(r.id));
  line("N1", "Soort: " + (r.kind.empty() ? std::string("overig") : r.kind) +
                 ". Gevonden met Wat weten we al? (document " + r.id + ").");
  line("ID", r.id);
  out += "ER  - \r\n";
  return out;
}

std::string BibtexEscape(std::string_view text) {
  std::string out;
  for (char c : OneLine(text)) {
    switch (c) {
      case '\\':
        out += "\\textbackslash{}";
        break;
      case '{':
      case '}':
      case '%':
      case '&':
      case '$':
      case '#':
      case '_':
        out.push_back('\\');
        out.push_back(c);
        break;
      case '~':
        out += "\\textasciitilde{}";
        break;
      case '^':
        out += "\\textasciicircum{}";
        break;
      default:
        out.push_back(c);  // UTF-8 bytes pass through unchanged
    }
  }
  return out;
}

// Stable across exports and runs: first author (or organisation), year, first longer title word,
// and the start of the document id so that two similar documents never share a key.
std::string BibtexKey(const CitationRecord& r) {
  const std::string who_source =
      !r.authors.empty() ? r.authors.front() : (r.organisation.empty() ? "anon" : r.organisation);
  std::string who = AsciiWords(who_source, '-');
  // The family name is the last word of "Voornaam Achternaam"; an organisation keeps its start.
  if (!r.authors.empty()) {
    if (const size_t dash = who.rfind('-'); dash != std::string::npos) who = who.substr(dash + 1);
  } else if (const size_t dash = who.find('-'); dash != std::string::npos) {
    who = who.substr(0, dash);
  }
  if (who.empty()) who = "anon";
  std::string word;
  const std::string words = AsciiWords(r.title, ' ');
  for (size_t start = 0; start < words.size();) {
    size_t end = words.find(' ', start);
    if (end == std::string::npos) end = words.size();
    if (end - start > 3) {
      word = words.substr(start, end - start);
      break;
    }
    start = end + 1;
  }
  std::string id = AsciiWords(r.id, '-');
  if (id.size() > 8) id.resize(8);
  std::string key = who.substr(0, 20) + YearOf(r) + word.substr(0, 20);
  if (!id.empty()) key += "_" + id;
  return key;
}

std::string BibtexEntry(const CitationRecord& r, const ExportLinks& links) {
  const std::string_view type = BibtexType(r.kind);
  std::vector<std::pair<std::string, std::string>> fields;
  // Double braces keep the title's capitalisation in every bibliography style.
  fields.emplace_back("title", "{" + BibtexEscape(Title(r)) + "}");
  if (!r.authors.empty()) {
    std::string authors;
    for (const auto& a : r.authors) {
      const std::string name = BibtexEscape(a);
      if (name.empty()) continue;
      if (!authors.empty()) authors += " and ";
      authors += name;
    }
    if (!authors.empty()) fields.emplace_back("author", authors);
  } else if (CorporateAuthor(r)) {
    // Braced, so BibTeX does not split an organisation into first and last names.
    fields.emplace_back("author", "{" + BibtexEscape(r.organisation) + "}");
  }
  if (const std::string year = YearOf(r); !year.empty()) fields.emplace_back("year", year);
  if (!r.date.empty()) fields.emplace_back("date", BibtexEscape(r.date));
  if (const std::string org = BibtexEscape(r.organisation); !org.empty()) {
    fields.emplace_back(type == "techreport" ? "institution"
                        : type == "article"  ? "journal"
                                             : "publisher",
                        org);
  }
  std::vector<std::string> keywords = r.themes;
  keywords.insert(keywords.end(), r.provincies.begin(), r.provincies.end());
  keywords.insert(keywords.end(), r.gemeenten.begin(), r.gemeenten.end());
  if (const std::string kw = BibtexEscape(Join(keywords, ", ")); !kw.empty()) {
    fields.emplace_back("keywords", kw);
  }
  if (const std::string lang = BibtexEscape(r.language); !lang.empty()) {
    fields.emplace_back("language", lang);
  }
  // URLs go through \url in styles; only characters BibTeX itself chokes on are escaped.
  fields.emplace_back("url", BibtexEscape(links.DocumentPage(r.id)));
  if (r.page > 0) fields.emplace_back("pages", std::to_string(r.page));
  std::string note = "Soort: " + (r.kind.empty() ? "overig" : r.kind);
  if (!r.quote.empty()) note += ". Passage (p. " + std::to_string(r.page) + "): " + r.quote;
  fields.emplace_back("note", BibtexEscape(note));

  // A page cited on its own gets a key of its own (the document may be in the same file).
  std::string key = BibtexKey(r);
  if (r.page > 0) key += ":p" + std::to_string(r.page);
  if (!r.quote.empty()) key += "-" + search::PassageKey(r.quote).substr(0, 4);
  std::string out = "@" + std::string(type) + "{" + key + ",\n";
  for (size_t i = 0; i < fields.size(); ++i) {
    out += "  " + fields[i].first + " = {" + fields[i].second + "}";
    out += i + 1 < fields.size() ? ",\n" : "\n";
  }
  out += "}\n";
  return out;
}

std::string ApaReference(const CitationRecord& r, const ExportLinks& links) {
  std::vector<std::string> authors;
  for (const auto& a : r.authors) {
    if (std::string name = OneLine(a); !name.empty()) authors.push_back(std::move(name));
  }
  const std::string organisation = OneLine(r.organisation);
  if (authors.empty() && !organisation.empty()) authors.push_back(organisation);
  std::string who;
  for (size_t i = 0; i < authors.size(); ++i) {
    if (i > 0) who += i + 1 == authors.size() ? " & " : ", ";
    who += authors[i];
  }
  std::string year = YearOf(r);
  if (year.empty()) year = "z.d.";
  std::string kind;
  for (const search::KindLabel& k : search::kKindLabels) {
    if (k.value == r.kind && r.kind != "overig") kind = " [" + std::string(k.label) + "]";
  }
  std::string title = Title(r);
  if (!title.empty() && title.back() == '.') title.pop_back();
  if (title.empty()) title = "Zonder titel";
  const bool publisher_apart = !organisation.empty() && std::find(authors.begin(), authors.end(),
                                                                  organisation) == authors.end();
  const std::string publisher = publisher_apart ? " " + organisation + "." : "";
  const std::string url = links.DocumentPage(r.id);
  // A page and a passage follow the reference: (p. N) and the words quoted.
  std::string cited;
  if (r.page > 0) cited = " (p. " + std::to_string(r.page) + ")";
  if (!r.quote.empty()) cited += " “" + OneLine(r.quote) + "”";
  // Without an author APA moves the title to the author's place.
  if (who.empty()) return title + kind + ". (" + year + ")." + publisher + " " + url + cited;
  return who + " (" + year + "). " + title + kind + "." + publisher + " " + url + cited;
}

std::string CsvField(std::string_view text) {
  // A spreadsheet runs a cell that opens with = + - @ (or a tab or carriage return before one)
  // as a formula: "=HYPERLINK(...)" in a title would be a live link. A leading apostrophe
  // makes it text (OWASP's advice for CSV injection).
  if (!text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' ||
                        text.front() == '@' || text.front() == '\t' || text.front() == '\r')) {
    return CsvField("'" + std::string(text));
  }
  bool quote = false;
  for (char c : text) {
    if (c == ',' || c == '"' || c == '\r' || c == '\n') quote = true;
  }
  if (!text.empty() && (text.front() == ' ' || text.back() == ' ')) quote = true;
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string ExportCitations(ExportFormat format, const std::vector<CitationRecord>& records,
                            const ExportLinks& links) {
  std::string out;
  switch (format) {
    case ExportFormat::kRis:
      for (size_t i = 0; i < records.size(); ++i) {
        if (i > 0) out += "\r\n";
        out += RisRecord(records[i], links);
      }
      break;
    case ExportFormat::kBibtex:
      for (size_t i = 0; i < records.size(); ++i) {
        if (i > 0) out += "\n";
        out += BibtexEntry(records[i], links);
      }
      break;
    case ExportFormat::kCsv:
      out = "id,title,kind,year,date,themes,gemeenten,provincies,url,page,passage\r\n";
      for (const auto& r : records) {
        const std::string fields[] = {r.id,
                                      Title(r),
                                      r.kind,
                                      r.year > 0 ? std::to_string(r.year) : std::string(),
                                      r.date,
                                      Join(r.themes, "; "),
                                      Join(r.gemeenten, "; "),
                                      Join(r.provincies, "; "),
                                      links.DocumentPage(r.id),
                                      r.page > 0 ? std::to_string(r.page) : std::string(),
                                      r.quote};
        for (size_t i = 0; i < std::size(fields); ++i) {
          if (i > 0) out += ',';
          out += CsvField(OneLine(fields[i]));
        }
        out += "\r\n";
      }
      break;
    case ExportFormat::kApa:
      for (const auto& r : records) out += ApaReference(r, links) + "\n";
      break;
    case ExportFormat::kJson:
      break;
  }
  return out;
}

std::string FileStem(std::string_view title, std::string_view fallback) {
  std::string stem = AsciiWords(title, '-');
  if (stem.size() > 60) {
    stem.resize(60);
    while (!stem.empty() && stem.back() == '-') stem.pop_back();
  }
  return stem.empty() ? std::string(fallback) : stem;
}

}  // namespace kb::http
