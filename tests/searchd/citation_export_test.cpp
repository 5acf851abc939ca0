// Citation exports on literal records: author names, RIS fields, BibTeX escaping and keys, CSV
// quoting, APA.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "csv_reader.h"
#include "kb/http/citation_export.h"
#include "kb/http/person_names.h"

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
        "AU  - de Vries, Jan\r\n"
        "AU  - Hoekstra, Fenna\r\n"
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
      {"artikel", "ELEC"}, {"interview", "GEN"}, {"wet", "STAT"}, {"overig", "GEN"}, {"", "GEN"}};
  for (const auto& [kind, type] : types) {
    r.kind = kind;
    CHECK(RisRecord(r, Links()).rfind("TY  - " + type + "\r\n", 0) == 0);
  }
  // News is news whatever its kind; a web article or news item names its website (T2), never a
  // journal.
  r.kind = "artikel";
  r.evidence = "nieuws";
  const std::string news = RisRecord(r, Links());
  CHECK(news.rfind("TY  - NEWS\r\n", 0) == 0);
  CHECK(news.find("T2  - Gemeente Súdwest-Fryslân\r\n") != std::string::npos);
  CHECK(news.find("JO  -") == std::string::npos);
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
  CHECK(entry.find("  author = {de Vries, Jan and Hoekstra, Fenna},\n") != std::string::npos);
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
  // Undated, it cannot be a valid @online (biblatex requires the date).
  CHECK(BibtexEntry(article, Links()).rfind("@misc{sociaalplan_77,\n", 0) == 0);
  article.year = 2021;
  const std::string a = BibtexEntry(article, Links());
  CHECK(a.rfind("@online{sociaal2021plan_77,\n", 0) == 0);
  CHECK(a.find("  title = {{Het 100\\% \\{plan\\} \\& de wijk\\_teams}},\n") != std::string::npos);
  CHECK(a.find("  author = {{Sociaal Werk Nederland}},\n") != std::string::npos);
  CHECK(a.find("  organization = {Sociaal Werk Nederland},\n") != std::string::npos);
  CHECK(a.find("journal") == std::string::npos);

  article.kind = "interview";
  article.organisation.clear();
  CHECK(BibtexEntry(article, Links()).rfind("@misc{anon2021plan_77,\n", 0) == 0);
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
  second.page_count = 0;
  CitationRecord report = Report();
  report.page_count = 48;
  const std::string csv = ExportCitations(ExportFormat::kCsv, {report, second}, Links());
  // A byte order mark first, so that Excel reads UTF-8.
  const std::string header =
      "id,title,authors,organisation,kind,evidence,year,date,pages,themes,gemeenten,provincies,"
      "url,page,passage\r\n";
  REQUIRE(csv.rfind("\xEF\xBB\xBF" + header, 0) == 0);
  const auto rows = kb::test::ParseCsv(csv.substr(3));
  REQUIRE(rows.size() == 3);
  for (const auto& row : rows) CHECK(row.size() == 15);
  CHECK(rows[1][0] == "3fa2c19be04d");
  CHECK(rows[1][1] == "Evaluatie \"Samen Sterk\", jeugdhulp in Súdwest-Fryslân");
  CHECK(rows[1][2] == "de Vries, Jan; Hoekstra, Fenna");
  CHECK(rows[1][3] == "Gemeente Súdwest-Fryslân");
  CHECK(rows[1][6] == "2019");
  CHECK(rows[1][8] == "48");
  CHECK(rows[1][9] == "Jeugdhulp; Participatie");
  CHECK(rows[1][10] == "Súdwest-Fryslân");
  CHECK(rows[1][12] == "http://zoek.example.nl:8080/?doc=3fa2c19be04d");
  CHECK(rows[2][6] == "");

  CHECK(ExportCitations(ExportFormat::kCsv, {}, Links()) == "\xEF\xBB\xBF" + header);

  // A Dutch Excel splits on ';': the separator of the file, and what makes a field quoted.
  const std::string semi = ExportCitations(ExportFormat::kCsv, {report}, Links(), ';');
  CHECK(
      semi.find("\r\n3fa2c19be04d;\"Evaluatie \"\"Samen Sterk\"\", jeugdhulp in Súdwest-Fryslân\";"
                "\"de Vries, Jan; Hoekstra, Fenna\";") != std::string::npos);
  CHECK(CsvField("a, b", ';') == "a, b");
  CHECK(CsvField("a; b", ';') == "\"a; b\"");
  CHECK(CsvField("=1+1", ';') == "'=1+1");
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
        "de Vries, J., & Hoekstra, F. (2019). Evaluatie \"Samen Sterk\", jeugdhulp in "
        "Súdwest-Fryslân [Rapport]. Gemeente Súdwest-Fryslân. "
        "http://zoek.example.nl:8080/?doc=3fa2c19be04d");
  CitationRecord corporate = Report();
  corporate.authors.clear();
  corporate.year = 0;
  corporate.date.clear();
  CHECK(ApaReference(corporate, Links()) ==
        "Gemeente Súdwest-Fryslân. (z.d.). Evaluatie \"Samen Sterk\", jeugdhulp in "
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

  const auto rows =
      kb::test::ParseCsv(ExportCitations(ExportFormat::kCsv, {cited}, Links()).substr(3));
  REQUIRE(rows.size() == 2);
  CHECK(rows[1][13] == "12");
  CHECK(rows[1][14] == "Jongeren met schulden vragen later hulp dan ouderen.");
}

TEST_CASE("keywords: themes always, regions only for a document about a few of them") {
  CitationRecord national = Report();
  national.gemeenten.clear();
  for (int i = 0; i < 357; ++i) national.gemeenten.push_back("Gemeente " + std::to_string(i));
  national.provincies = {"Drenthe", "Fryslân", "Groningen", "Utrecht"};
  const std::string ris = RisRecord(national, Links());
  size_t kw = 0;
  for (size_t at = ris.find("KW  - "); at != std::string::npos; at = ris.find("KW  - ", at + 1))
    ++kw;
  CHECK(kw == 2);  // the two themes
  CHECK(CitationKeywords(national) == std::vector<std::string>{"Jeugdhulp", "Participatie"});
  CHECK(CitationKeywords(Report()) ==
        std::vector<std::string>{"Jeugdhulp", "Participatie", "Fryslân", "Súdwest-Fryslân"});
}

TEST_CASE("page count: pagetotal in BibTeX for the whole document, not for a cited page") {
  CitationRecord r = Report();
  r.page_count = 48;
  CHECK(BibtexEntry(r, Links()).find("  pagetotal = {48},\n") != std::string::npos);
  r.page = 3;
  CHECK(BibtexEntry(r, Links()).find("pagetotal") == std::string::npos);
}

TEST_CASE("statutes and news: @online with their type, APA with the day for news") {
  CitationRecord law;
  law.id = "aa";
  law.title = "Wet maatschappelijke ondersteuning 2015";
  law.kind = "wet";
  law.year = 2014;
  law.organisation = "Rijksoverheid";
  CHECK(BibtexEntry(law, Links()).rfind("@online{rijksoverheid2014maatschappelijke_aa,\n", 0) == 0);
  CHECK(BibtexEntry(law, Links()).find("  type = {Wet},\n") != std::string::npos);
  CHECK(RisRecord(law, Links()).rfind("TY  - STAT\r\n", 0) == 0);
  // An organisation's commas would make Zotero split it into family and given names.
  law.organisation = "Ministerie van Volksgezondheid, Welzijn en Sport";
  CHECK(RisRecord(law, Links()).find("AU  - Ministerie van Volksgezondheid Welzijn en Sport\r\n") !=
        std::string::npos);
  CHECK(
      RisRecord(law, Links()).find("PB  - Ministerie van Volksgezondheid, Welzijn en Sport\r\n") !=
      std::string::npos);
  CitationRecord news;
  news.id = "bb";
  news.title = "Wijkteams krijgen meer ruimte";
  news.kind = "artikel";
  news.evidence = "nieuws";
  news.date = "2023-03-07";
  news.year = 2023;
  news.authors = {"Hayo Maarsingh"};
  news.organisation = "Sociale Vraagstukken";
  CHECK(BibtexEntry(news, Links()).rfind("@online{maarsingh2023wijkteams_bb,\n", 0) == 0);
  CHECK(ApaReference(news, Links()) ==
        "Maarsingh, H. (2023, 7 maart). Wijkteams krijgen meer ruimte. Sociale Vraagstukken. "
        "http://zoek.example.nl:8080/?doc=bb");
}

TEST_CASE("APA: the comma before '&', and at most 20 names") {
  CitationRecord r = Report();
  r.authors.clear();
  for (int i = 0; i < 22; ++i) r.authors.push_back("Jan Auteur" + std::string(1, 'a' + i));
  const std::string apa = ApaReference(r, Links());
  CHECK(apa.find("Auteura, J., Auteurb, J.,") == 0);
  CHECK(apa.find("Auteurs, J., ... Auteurv, J. (2019)") != std::string::npos);
  CHECK(apa.find("Auteurt") == std::string::npos);
}

namespace {

// "family|particle|given|literal" of every name ParseAuthors finds in `fields`.
std::vector<std::string> Names(const std::vector<std::string>& fields) {
  std::vector<std::string> out;
  for (const PersonName& n : ParseAuthors(fields)) {
    out.push_back(n.family + "|" + n.particle + "|" + n.given + (n.literal ? "|org" : ""));
  }
  return out;
}

}  // namespace

TEST_CASE("author names: persons split, family and given apart, Dutch particles") {
  using V = std::vector<std::string>;
  // Two persons in one field, each in natural order.
  CHECK(Names({"Simone Pieterse en Yvonne Versluis"}) == V{"Pieterse||Simone", "Versluis||Yvonne"});
  CHECK(Names({"Simone Pieterse & Yvonne Versluis; Jan Jansen"}) ==
        V{"Pieterse||Simone", "Versluis||Yvonne", "Jansen||Jan"});
  // Family first, as metadata often has it.
  CHECK(Names({"Vroonhof, Paul"}) == V{"Vroonhof||Paul"});
  CHECK(Names({"Berg, Jan van der"}) == V{"Berg|van der|Jan"});
  CHECK(Names({"van der Berg, J."}) == V{"Berg|van der|J."});
  CHECK(Names({"Vries, P. de, Jansen, K."}) == V{"Vries|de|P.", "Jansen||K."});
  // A list of natural-order names with commas.
  CHECK(Names({"Jan Jansen, Piet Pieters"}) == V{"Jansen||Jan", "Pieters||Piet"});
  // Natural order with particles, initials, titles and double names.
  CHECK(Names({"Hayo Maarsingh"}) == V{"Maarsingh||Hayo"});
  CHECK(Names({"Jan van der Berg"}) == V{"Berg|van der|Jan"});
  CHECK(Names({"P. de Vries"}) == V{"Vries|de|P."});
  CHECK(Names({"Prof. dr. J.W. Duyvendak"}) == V{"Duyvendak||J.W."});
  CHECK(Names({"Anna Jansen-de Vries"}) == V{"Jansen-de Vries||Anna"});
  CHECK(Names({"Marie-José van 't Hof"}) == V{"Hof|van 't|Marie-José"});
  // Organisations are kept whole.
  CHECK(Names({"Movisie"}) == V{"Movisie|||org"});
  CHECK(Names({"Gemeente Utrecht"}) == V{"Gemeente Utrecht|||org"});
  CHECK(Names({"Verwey-Jonker Instituut"}) == V{"Verwey-Jonker Instituut|||org"});
  CHECK(Names({"Gemeenteraad van Zwolle"}) == V{"Gemeenteraad van Zwolle|||org"});
  CHECK(Names({"Ministerie van Volksgezondheid, Welzijn en Sport"}) ==
        V{"Ministerie van Volksgezondheid, Welzijn en Sport|||org"});
  CHECK(Names({"Gemeente Utrecht en Stichting Move"}) ==
        V{"Gemeente Utrecht|||org", "Stichting Move|||org"});
  CHECK(Names({"Jan Jansen en Movisie"}) == V{"Jansen||Jan", "Movisie|||org"});
  CHECK(Names({"Adviesraad Sociaal Domein"}) == V{"Adviesraad Sociaal Domein|||org"});
  // Repeats once.
  CHECK(Names({"Jan Jansen", "Jansen, Jan"}) == V{"Jansen||Jan"});
}

TEST_CASE("author names as citations write them") {
  const auto first = [](const std::string& field) { return ParseAuthors({field}).front(); };
  CHECK(first("Jan van der Berg").Inverted() == "van der Berg, Jan");
  CHECK(first("Jan van der Berg").Apa() == "van der Berg, J.");
  CHECK(first("Jan Willem Duyvendak").Apa() == "Duyvendak, J. W.");
  CHECK(first("Anne-Marie Jansen").Apa() == "Jansen, A.-M.");
  CHECK(first("P.J.M. Jansen").Apa() == "Jansen, P. J. M.");
  CHECK(first("Özlem Yıldız").Apa() == "Yıldız, Ö.");
  CHECK(first("Movisie").Inverted() == "Movisie");
  CHECK(first("Movisie").Apa() == "Movisie");
  CHECK(Initials("Jan Willem") == "J. W.");

  // The cases end to end: two AU lines, APA "Pieterse, S., & Versluis, Y.", BibTeX key
  // from the family name.
  CitationRecord r = Report();
  r.authors = {"Simone Pieterse en Yvonne Versluis"};
  const std::string ris = RisRecord(r, Links());
  CHECK(ris.find("AU  - Pieterse, Simone\r\nAU  - Versluis, Yvonne\r\n") != std::string::npos);
  CHECK(ApaReference(r, Links()).rfind("Pieterse, S., & Versluis, Y. (2019). ", 0) == 0);
  r.authors = {"Vroonhof, Paul"};
  CHECK(BibtexKey(r).rfind("vroonhof2019", 0) == 0);
}
