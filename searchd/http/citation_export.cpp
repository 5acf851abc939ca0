#include "kb/http/citation_export.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <utility>

#include "kb/analysis/text_fold.h"
#include "kb/http/person_names.h"
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

// What a record is for a reference manager. A report is a report; a law is a statute; a news
// item (evidence type "nieuws") and a web article are items of a website whose title is the
// organisation that published them (a journal is never known, so no article claims one);
// interviews and the rest are generic.
enum class ItemType { kReport, kStatute, kNews, kWebArticle, kGeneric };

ItemType TypeOf(const CitationRecord& r) {
  if (r.kind == "wet") return ItemType::kStatute;
  if (r.kind == "rapport") return ItemType::kReport;
  if (r.evidence == "nieuws") return ItemType::kNews;
  if (r.kind == "artikel") return ItemType::kWebArticle;
  return ItemType::kGeneric;
}

std::string_view RisType(ItemType type) {
  switch (type) {
    case ItemType::kReport:
      return "RPRT";
    case ItemType::kStatute:
      return "STAT";
    case ItemType::kNews:
      return "NEWS";
    case ItemType::kWebArticle:
      return "ELEC";
    case ItemType::kGeneric:
      break;
  }
  return "GEN";
}

// The biblatex entry type, chosen so that the entry carries what biblatex requires of it (and
// what a strict parser such as citation-js checks): a report with its institution, author and
// year is a @techreport; anything else with an author and a year is an @online item (every
// document has its page's URL), its kind in `type`; without an author or a year only @misc is
// left. biblatex's @legislation is not one of its standard types, so a law is an @online item of
// type "Wet" here (and STAT in RIS).
std::string_view BibtexType(const CitationRecord& r, ItemType item, bool has_author) {
  const bool dated = !YearOf(r).empty();
  if (!dated || !has_author) return "misc";
  if (item == ItemType::kReport && !OneLine(r.organisation).empty()) return "techreport";
  return "online";
}

// A document about many places is about none of them in particular: regions become keywords
// only for a document about a few (a national monitor naming 357 gemeenten gets none).
constexpr size_t kMaxGemeenteKeywords = 10;
constexpr size_t kMaxProvincieKeywords = 3;

}  // namespace

std::vector<std::string> CitationKeywords(const CitationRecord& r) {
  std::vector<std::string> out;
  auto add = [&out](const std::string& value) {
    const std::string v = OneLine(value);
    if (!v.empty() && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  };
  for (const auto& t : r.themes) add(t);
  if (r.provincies.size() <= kMaxProvincieKeywords) {
    for (const auto& p : r.provincies) add(p);
  }
  if (r.gemeenten.size() <= kMaxGemeenteKeywords) {
    for (const auto& g : r.gemeenten) add(g);
  }
  return out;
}

// The persons (or organisations) of the author fields; a document without a personal author is
// cited by its organisation (a corporate author).
std::vector<PersonName> CitationAuthors(const CitationRecord& r) {
  std::vector<PersonName> names = ParseAuthors(r.authors);
  if (names.empty()) {
    if (std::string org = OneLine(r.organisation); !org.empty()) {
      PersonName corporate;
      corporate.family = std::move(org);
      corporate.literal = true;
      names.push_back(std::move(corporate));
    }
  }
  return names;
}

namespace {

std::string Title(const CitationRecord& r) {
  std::string title = OneLine(r.title);
  return title.empty() ? "Zonder titel" : title;
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
  if (value == "atom") return ExportFormat::kAtom;
  return InvalidParameter(
      "format",
      "'" + std::string(value.substr(0, 40)) +
          "' is onbekend; kies ris, bibtex, csv, apa of atom, of laat de parameter weg voor JSON");
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
    case ExportFormat::kAtom:
      return "application/atom+xml; charset=utf-8";
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
    case ExportFormat::kAtom:
      return "atom";
    case ExportFormat::kJson:
      break;
  }
  return "json";
}

bool IsReport(const CitationRecord& r) { return TypeOf(r) == ItemType::kReport; }
bool IsWebItem(const CitationRecord& r) {
  return TypeOf(r) == ItemType::kNews || TypeOf(r) == ItemType::kWebArticle;
}

CitationRecord CitationOf(const StoredDocument& d) {
  CitationRecord r;
  r.id = d.id;
  r.title = d.title;
  r.kind = d.kind;
  r.evidence = d.evidence;
  r.format = d.format;
  r.page_count = static_cast<int>(d.pages.size());
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
  const ItemType type = TypeOf(r);
  line("TY", RisType(type));
  line("TI", Title(r));
  // Zotero's convention: "Family, Given" per AU line; an organisation without a comma.
  // An organisation's own commas would split it into family and given names: they go.
  for (const PersonName& a : CitationAuthors(r)) {
    std::string name = a.Inverted();
    if (a.literal) std::erase(name, ',');
    line("AU", name);
  }
  line("PY", YearOf(r));
  line("DA", RisDate(r));
  line("PB", r.organisation);
  // The website or news source an item appeared on.
  if (type == ItemType::kNews || type == ItemType::kWebArticle) line("T2", r.organisation);
  for (const auto& k : CitationKeywords(r)) line("KW", k);
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
  // The first author's family name without particles ("vroonhof" for "Vroonhof, Paul", "berg"
  // for "Jan van der Berg"); an organisation's first word.
  const std::vector<PersonName> authors = CitationAuthors(r);
  std::string who = authors.empty() ? std::string("anon") : AsciiWords(authors.front().family, '-');
  if (const size_t dash = who.find('-'); dash != std::string::npos) who = who.substr(0, dash);
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
  const ItemType item = TypeOf(r);
  const std::string_view type = BibtexType(r, item, !CitationAuthors(r).empty());
  std::vector<std::pair<std::string, std::string>> fields;
  // Double braces keep the title's capitalisation in every bibliography style.
  fields.emplace_back("title", "{" + BibtexEscape(Title(r)) + "}");
  std::string authors;
  for (const PersonName& a : CitationAuthors(r)) {
    // An organisation is braced, so BibTeX does not split it into first and last names.
    const std::string name =
        a.literal ? "{" + BibtexEscape(a.family) + "}" : BibtexEscape(a.Inverted());
    if (!authors.empty()) authors += " and ";
    authors += name;
  }
  if (!authors.empty()) fields.emplace_back("author", authors);
  if (const std::string year = YearOf(r); !year.empty()) fields.emplace_back("year", year);
  if (!r.date.empty()) fields.emplace_back("date", BibtexEscape(r.date));
  if (const std::string org = BibtexEscape(r.organisation); !org.empty()) {
    fields.emplace_back(type == "techreport" ? "institution"
                        : type == "online"   ? "organization"
                                             : "publisher",
                        org);
  }
  if (item == ItemType::kStatute) fields.emplace_back("type", "Wet");
  if (r.kind == "interview") fields.emplace_back("type", "Interview");
  if (r.page_count > 0 && r.page == 0)
    fields.emplace_back("pagetotal", std::to_string(r.page_count));
  if (const std::string kw = BibtexEscape(Join(CitationKeywords(r), ", ")); !kw.empty()) {
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

namespace {

constexpr std::string_view kDutchMonths[] = {"januari",   "februari", "maart",    "april",
                                             "mei",       "juni",     "juli",     "augustus",
                                             "september", "oktober",  "november", "december"};

// APA's date: "2024" for reports and laws; "2024, 3 mei" for news and web articles, whose day
// is part of the reference.
std::string ApaDate(const CitationRecord& r, ItemType type) {
  std::string year = YearOf(r);
  if (year.empty()) return "z.d.";
  if (type != ItemType::kNews && type != ItemType::kWebArticle) return year;
  const std::string_view d = r.date;
  if (d.size() >= 7 && d[4] == '-' && IsDigits(d.substr(5, 2))) {
    const int month = std::stoi(std::string(d.substr(5, 2)));
    if (month < 1 || month > 12) return year;
    std::string out = year + ", ";
    if (d.size() >= 10 && d[7] == '-' && IsDigits(d.substr(8, 2))) {
      out += std::to_string(std::stoi(std::string(d.substr(8, 2)))) + " ";
    }
    return out + std::string(kDutchMonths[month - 1]);
  }
  return year;
}

}  // namespace

std::string ApaReference(const CitationRecord& r, const ExportLinks& links) {
  const ItemType type = TypeOf(r);
  const std::vector<PersonName> names = CitationAuthors(r);
  // APA 7: "A, B, & C" (with the comma before "&"), up to 20 names; then the first 19, "...",
  // and the last.
  std::vector<std::string> shown;
  for (const PersonName& n : names) shown.push_back(n.Apa());
  if (shown.size() > 20) {
    const std::string last = shown.back();
    shown.resize(19);
    shown.push_back("... " + last);
  }
  std::string who;
  for (size_t i = 0; i < shown.size(); ++i) {
    if (i > 0) who += (i + 1 == shown.size() && shown.back().rfind("... ", 0) != 0) ? ", & " : ", ";
    who += shown[i];
  }
  const std::string date = ApaDate(r, type);
  std::string kind;
  for (const search::KindLabel& k : search::kKindLabels) {
    if (k.value == r.kind && r.kind != "overig" && type != ItemType::kNews &&
        type != ItemType::kWebArticle) {
      kind = " [" + std::string(k.label) + "]";
    }
  }
  std::string title = Title(r);
  if (!title.empty() && title.back() == '.') title.pop_back();
  if (title.empty()) title = "Zonder titel";
  const std::string organisation = OneLine(r.organisation);
  // The publisher (or the website) follows the title unless it is already the author.
  const bool publisher_apart =
      !organisation.empty() &&
      !(names.size() == 1 && names.front().literal && names.front().family == organisation);
  const std::string publisher = publisher_apart ? " " + organisation + "." : "";
  const std::string url = links.DocumentPage(r.id);
  // A page and a passage follow the reference: (p. N) and the words quoted.
  std::string cited;
  if (r.page > 0) cited = " (p. " + std::to_string(r.page) + ")";
  if (!r.quote.empty()) cited += " “" + OneLine(r.quote) + "”";
  // Without an author APA moves the title to the author's place.
  if (who.empty()) return title + kind + ". (" + date + ")." + publisher + " " + url + cited;
  if (who.back() != '.') who += '.';
  return who + " (" + date + "). " + title + kind + "." + publisher + " " + url + cited;
}

std::string CsvField(std::string_view text, char separator) {
  // A spreadsheet runs a cell that opens with = + - @ (or a tab or carriage return before one)
  // as a formula: "=HYPERLINK(...)" in a title would be a live link. A leading apostrophe
  // makes it text (OWASP's advice for CSV injection).
  if (!text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' ||
                        text.front() == '@' || text.front() == '\t' || text.front() == '\r')) {
    return CsvField("'" + std::string(text), separator);
  }
  bool quote = false;
  for (char c : text) {
    if (c == separator || c == '"' || c == '\r' || c == '\n') quote = true;
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
                            const ExportLinks& links, char csv_separator) {
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
    case ExportFormat::kCsv: {
      // A byte order mark, so that Excel reads the file as UTF-8 and not as Windows-1252.
      out = "\xEF\xBB\xBF";
      const char sep = csv_separator;
      const std::string_view header[] = {
          "id",    "title",  "authors",   "organisation", "kind", "evidence", "year",   "date",
          "pages", "themes", "gemeenten", "provincies",   "url",  "page",     "passage"};
      for (size_t i = 0; i < std::size(header); ++i) {
        if (i > 0) out += sep;
        out += header[i];
      }
      out += "\r\n";
      for (const auto& r : records) {
        std::vector<std::string> authors;
        for (const PersonName& a : ParseAuthors(r.authors)) authors.push_back(a.Inverted());
        const std::string fields[] = {
            r.id,
            Title(r),
            Join(authors, "; "),
            r.organisation,
            r.kind,
            r.evidence,
            r.year > 0 ? std::to_string(r.year) : std::string(),
            r.date,
            r.page_count > 0 ? std::to_string(r.page_count) : std::string(),
            Join(r.themes, "; "),
            Join(r.gemeenten, "; "),
            Join(r.provincies, "; "),
            links.DocumentPage(r.id),
            r.page > 0 ? std::to_string(r.page) : std::string(),
            r.quote};
        for (size_t i = 0; i < std::size(fields); ++i) {
          if (i > 0) out += sep;
          out += CsvField(OneLine(fields[i]), sep);
        }
        out += "\r\n";
      }
      break;
    }
    case ExportFormat::kApa:
      for (const auto& r : records) out += ApaReference(r, links) + "\n";
      break;
    case ExportFormat::kJson:
    case ExportFormat::kAtom:  // atom_feed.h
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
