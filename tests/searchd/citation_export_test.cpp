// Citation exports on literal records: RIS fields, BibTeX escaping and keys, CSV quoting.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "csv_reader.h"
#include "kb/http/citation_export.h"

using namespace kb::http;

namespace {

CitationRecord Report() {
  CitationRecord r;
  r.id = "3fa2c19be04d";
  r.title = "Evaluatie \"Samen Sterk\", jeugdhulp in Súdwest-Fryslân";
  r.kind = "rapport";
  r.year = 2019;
  r.date = "2019-05-03";
  r.authors = {"Jan de Vries", "Fenna Hoekstra"};
  r.organisation = "Gemeente Súdwest-Fryslân";
  r.language = "nl";
  r.themes = {"Jeugdhulp", "Participatie"};
  r.gemeenten = {"Súdwest-Fryslân"};
  r.provincies = {"Fryslân"};
  return r;
}

ExportLinks Links() { return ExportLinks{"http://zoek.example.nl:8080"}; }

}  // namespace

TEST_CASE("format values: ris, bibtex, csv and json; anything else names the parameter") {
  CHECK(*ParseExportFormat("ris") == ExportFormat::kRis);
  CHECK(*ParseExportFormat("bibtex") == ExportFormat::kBibtex);
  CHECK(*ParseExportFormat("csv") == ExportFormat::kCsv);
  CHECK(*ParseExportFormat("json") == ExportFormat::kJson);
  auto xml = ParseExportFormat("xml");
  REQUIRE_FALSE(xml.ok());
  CHECK(xml.status().kind() == kb::ErrorKind::kInvalidArgument);
  CHECK(xml.status().message().find("parameter 'format': 'xml' is onbekend") != std::string::npos);
  CHECK_FALSE(ParseExportFormat("RIS").ok());
  CHECK(ExportContentType(ExportFormat::kRis) == "application/x-research-info-systems");
  CHECK(ExportContentType(ExportFormat::kBibtex) == "application/x-bibtex");
  CHECK(ExportContentType(ExportFormat::kCsv) == "text/csv; charset=utf-8");
  CHECK(ExportExtension(ExportFormat::kBibtex) == "bib");
}

TEST_CASE("RIS record: type by kind, one line per field, CRLF, ER last") {
  const std::string ris = RisRecord(Report(), Links());
  CHECK(ris ==
        "TY  - RPRT\r\n"
        "TI  - Evaluatie \"Samen Sterk\", jeugdhulp in Súdwest-Fryslân\r\n"
        "AU  - Jan de Vries\r\n"
        "AU  - Fenna Hoekstra\r\n"
        "PY  - 2019\r\n"
        "DA  - 2019/05/03/\r\n"
        "PB  - Gemeente Súdwest-Fryslân\r\n"
        "KW  - Jeugdhulp\r\n"
        "KW  - Participatie\r\n"
        "KW  - Fryslân\r\n"
        "KW  - Súdwest-Fryslân\r\n"
        "LA  - nl\r\n"
        "UR  - http://zoek.example.nl:8080/?doc=3fa2c19be04d\r\n"
        "L1  - http://zoek.example.nl:8080/api/documents/3fa2c19be04d/file\r\n"
        "N1  - Soort: rapport. Gevonden met Wat weten we al? (document 3fa2c19be04d).\r\n"
        "ID  - 3fa2c19be04d\r\n"
        "ER  - \r\n");

  CitationRecord r = Report();
  const std::pair<std::string, std::string> types[] = {
      {"artikel", "JOUR"}, {"interview", "GEN"}, {"wet", "STAT"}, {"overig", "GEN"}, {"", "GEN"}};
  for (const auto& [kind, type] : types) {
    r.kind = kind;
    CHECK(RisRecord(r, Links()).rfind("TY  - " + type + "\r\n", 0) == 0);
  }
}

TEST_CASE("RIS: line breaks inside values, partial dates, corporate authors") {
  CitationRecord r;
  r.id = "ab";
  r.title = "Twee\nregels\r\n  titel ";
  r.kind = "wet";
  r.date = "2018-11";
  r.organisation = "Ministerie van VWS";
  const std::string ris = RisRecord(r, Links());
  CHECK(ris.find("TI  - Twee regels titel\r\n") != std::string::npos);
  CHECK(ris.find("DA  - 2018/11//\r\n") != std::string::npos);
  CHECK(ris.find("PY  - 2018\r\n") != std::string::npos);
  CHECK(ris.find("AU  - Ministerie van VWS\r\n") != std::string::npos);
  CHECK(ris.find("LA  -") == std::string::npos);  // empty fields are left out

  r.title.clear();
  r.date.clear();
  CHECK(RisRecord(r, Links()).find("TI  - Zonder titel\r\n") != std::string::npos);
  CHECK(RisRecord(r, Links()).find("DA  -") == std::string::npos);
}

TEST_CASE("BibTeX escaping: specials escaped, UTF-8 kept") {
  CHECK(BibtexEscape("50% & $3 #1 a_b {x} c\\d") ==
        "50\\% \\& \\$3 \\#1 a\\_b \\{x\\} c\\textbackslash{}d");
  CHECK(BibtexEscape("Súdwest-Fryslân ~ ^") ==
        "Súdwest-Fryslân \\textasciitilde{} \\textasciicircum{}");
  CHECK(BibtexEscape("regel\neen\t twee") == "regel een twee");
}

TEST_CASE("BibTeX entry: type by kind, stable key, braced title and corporate author") {
  const CitationRecord report = Report();
  const std::string entry = BibtexEntry(report, Links());
  CHECK(entry.rfind("@techreport{" + BibtexKey(report) + ",\n", 0) == 0);
  CHECK(BibtexKey(report) == "vries2019evaluatie_3fa2c19b");
  CHECK(BibtexKey(report) == BibtexKey(Report()));
  CHECK(entry.find("  title = {{Evaluatie \"Samen Sterk\", jeugdhulp in Súdwest-Fryslân}},\n") !=
        std::string::npos);
  CHECK(entry.find("  author = {Jan de Vries and Fenna Hoekstra},\n") != std::string::npos);
  CHECK(entry.find("  institution = {Gemeente Súdwest-Fryslân},\n") != std::string::npos);
  CHECK(entry.find("  year = {2019},\n") != std::string::npos);
  CHECK(entry.find("  keywords = {Jeugdhulp, Participatie, Fryslân, Súdwest-Fryslân},\n") !=
        std::string::npos);
  CHECK(entry.find("  url = {http://zoek.example.nl:8080/?doc=3fa2c19be04d},\n") !=
        std::string::npos);
  CHECK(entry.find("  note = {Soort: rapport}\n}\n") == entry.size() - 28);

  CitationRecord article;
  article.id = "77";
  article.title = "Het 100% {plan} & de wijk_teams";
  article.kind = "artikel";
  article.organisation = "Sociaal Werk Nederland";
  const std::string a = BibtexEntry(article, Links());
  CHECK(a.rfind("@article{sociaalplan_77,\n", 0) == 0);
  CHECK(a.find("  title = {{Het 100\\% \\{plan\\} \\& de wijk\\_teams}},\n") != std::string::npos);
  CHECK(a.find("  author = {{Sociaal Werk Nederland}},\n") != std::string::npos);
  CHECK(a.find("  journal = {Sociaal Werk Nederland},\n") != std::string::npos);

  article.kind = "interview";
  article.organisation.clear();
  CHECK(BibtexEntry(article, Links()).rfind("@misc{anonplan_77,\n", 0) == 0);
}

TEST_CASE("CSV: RFC 4180 quoting, header row, a row per record") {
  CHECK(CsvField("plain") == "plain");
  CHECK(CsvField("a, b") == "\"a, b\"");
  CHECK(CsvField("zei \"ja\"") == "\"zei \"\"ja\"\"\"");
  // Formula guarding: a cell that a spreadsheet would run is made text.
  CHECK(CsvField("=HYPERLINK(\"http://x\",\"klik\")") ==
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\"");
  CHECK(CsvField("+31 6") == "'+31 6");
  CHECK(CsvField("-5") == "'-5");
  CHECK(CsvField("@SUM(A1)") == "'@SUM(A1)");
  CHECK(CsvField("twee\nregels") == "\"twee\nregels\"");
  CHECK(CsvField("") == "");

  CitationRecord second;
  second.id = "99";
  second.title = "Zonder jaar";
  second.kind = "overig";
  const std::string csv = ExportCitations(ExportFormat::kCsv, {Report(), second}, Links());
  CHECK(csv.rfind("id,title,kind,year,date,themes,gemeenten,provincies,url,page,passage\r\n", 0) ==
        0);
  const auto rows = kb::test::ParseCsv(csv);
  REQUIRE(rows.size() == 3);
  for (const auto& row : rows) CHECK(row.size() == 11);
  CHECK(rows[1][0] == "3fa2c19be04d");
  CHECK(rows[1][1] == "Evaluatie \"Samen Sterk\", jeugdhulp in Súdwest-Fryslân");
  CHECK(rows[1][3] == "2019");
  CHECK(rows[1][5] == "Jeugdhulp; Participatie");
  CHECK(rows[1][6] == "Súdwest-Fryslân");
  CHECK(rows[1][8] == "http://zoek.example.nl:8080/?doc=3fa2c19be04d");
  CHECK(rows[2][3] == "");

  CHECK(ExportCitations(ExportFormat::kCsv, {}, Links()) ==
        "id,title,kind,year,date,themes,gemeenten,provincies,url,page,passage\r\n");
  CHECK(ExportCitations(ExportFormat::kRis, {}, Links()).empty());
}

TEST_CASE("several records: RIS records and BibTeX entries one after another") {
  const std::vector<CitationRecord> two = {Report(), Report()};
  const std::string ris = ExportCitations(ExportFormat::kRis, two, Links());
  CHECK(ris == RisRecord(Report(), Links()) + "\r\n" + RisRecord(Report(), Links()));
  const std::string bib = ExportCitations(ExportFormat::kBibtex, two, Links());
  CHECK(bib == BibtexEntry(Report(), Links()) + "\n" + BibtexEntry(Report(), Links()));
}

TEST_CASE("file stems: folded ASCII words, bounded, with a fallback") {
  CHECK(FileStem("Evaluatie \"Samen Sterk\", jeugdhulp in Súdwest-Fryslân", "x") ==
        "evaluatie-samen-sterk-jeugdhulp-in-sudwest-fryslan");
  CHECK(FileStem("  ", "document-ab") == "document-ab");
  CHECK(FileStem(std::string(100, 'a'), "x").size() == 60);
}

TEST_CASE("APA reference: authors, year, title with its kind, organisation, link") {
  CHECK(*ParseExportFormat("apa") == ExportFormat::kApa);
  CHECK(ExportContentType(ExportFormat::kApa) == "text/plain; charset=utf-8");
  CHECK(ApaReference(Report(), Links()) ==
        "Jan de Vries & Fenna Hoekstra (2019). Evaluatie \"Samen Sterk\", jeugdhulp in "
        "Súdwest-Fryslân [Rapport]. Gemeente Súdwest-Fryslân. "
        "http://zoek.example.nl:8080/?doc=3fa2c19be04d");
  CitationRecord corporate = Report();
  corporate.authors.clear();
  corporate.year = 0;
  corporate.date.clear();
  CHECK(ApaReference(corporate, Links()) ==
        "Gemeente Súdwest-Fryslân (z.d.). Evaluatie \"Samen Sterk\", jeugdhulp in "
        "Súdwest-Fryslân [Rapport]. http://zoek.example.nl:8080/?doc=3fa2c19be04d");
  CitationRecord anonymous = corporate;
  anonymous.organisation.clear();
  anonymous.kind = "overig";
  anonymous.title = "Wat werkt.\nEen overzicht.";
  CHECK(ApaReference(anonymous, Links()) ==
        "Wat werkt. Een overzicht. (z.d.). http://zoek.example.nl:8080/?doc=3fa2c19be04d");
  const std::string list = ExportCitations(ExportFormat::kApa, {Report(), anonymous}, Links());
  CHECK(std::count(list.begin(), list.end(), '\n') == 2);
}

TEST_CASE("a cited page and a marked passage: SP and N1, pages and note, (p. N) and the quote") {
  CitationRecord whole = Report();
  CitationRecord cited = Report();
  cited.page = 12;
  cited.quote = "Jongeren met schulden\nvragen later hulp dan ouderen.";
  const std::string ris = RisRecord(cited, Links());
  CHECK(ris.find("SP  - 12\r\n") != std::string::npos);
  CHECK(
      ris.find("N1  - Passage (p. 12): Jongeren met schulden vragen later hulp dan ouderen.\r\n") !=
      std::string::npos);
  CHECK(RisRecord(whole, Links()).find("SP  -") == std::string::npos);

  const std::string bib = BibtexEntry(cited, Links());
  CHECK(bib.find("  pages = {12},\n") != std::string::npos);
  CHECK(bib.find("Passage (p. 12): Jongeren met schulden vragen later hulp") != std::string::npos);
  // Its own key: the whole document may be in the same file.
  const std::string key = BibtexKey(whole);
  CHECK(bib.find("{" + key + ":p12-") != std::string::npos);
  CHECK(BibtexEntry(whole, Links()).find("{" + key + ",\n") != std::string::npos);

  const std::string apa = ApaReference(cited, Links());
  CHECK(apa.find(" (p. 12) “Jongeren met schulden vragen later hulp dan ouderen.”") !=
        std::string::npos);
  CHECK(ApaReference(whole, Links()).find("(p. ") == std::string::npos);

  const auto rows = kb::test::ParseCsv(ExportCitations(ExportFormat::kCsv, {cited}, Links()));
  REQUIRE(rows.size() == 2);
  CHECK(rows[1][9] == "12");
  CHECK(rows[1][10] == "Jongeren met schulden vragen later hulp dan ouderen.");
}
