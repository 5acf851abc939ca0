// The text pipeline on real inputs: folding, tokens, stopwords, compounds and elided compounds
// in the index, query preparation, synonyms through a real Xapian database, and throughput.
#include <catch2/catch.hpp>

#include <algorithm>

#include "analysis_test_data.h"
#include "kb/core/schema.h"

namespace kb::analysis {
namespace {

std::vector<std::string> Terms(const Xapian::Document& doc) {
  return std::vector<std::string>(doc.termlist_begin(), doc.termlist_end());
}

bool HasTerm(const Xapian::Document& doc, const std::string& term) {
  auto it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term;
}

Analyzer& SharedAnalyzer() {
  static Analyzer analyzer(testing::LoadDefaultResources());
  return analyzer;
}

TEST_CASE("folding: NFKC, case and diacritics") {
  Analyzer& a = SharedAnalyzer();
  CHECK(a.Fold("ideeën") == "ideeen");
  CHECK(a.Fold("Cliënt") == "client");
  CHECK(a.Fold("CAFÉ") == "cafe");
  CHECK(a.Fold("ﬁnanciële") == "financiele");  // ligature from a PDF
  CHECK(a.Fold("Súdwest-Fryslân") == "sudwest-fryslan");
  CHECK(a.Fold("auto’s") == "auto's");
  CHECK(a.Fold("Straße") == "strasse");
}

TEST_CASE("tokens keep codes, abbreviations, numbers and plurals") {
  Analyzer& a = SharedAnalyzer();
  CHECK(a.Words("De POH-Jeugd en de Wmo (2015)") ==
        std::vector<std::string>{"de", "poh", "jeugd", "en", "de", "wmo", "2015"});
  CHECK(a.Words("auto's, 1.000 euro en 3,5 fte.") ==
        std::vector<std::string>{"auto's", "1.000", "euro", "en", "3,5", "fte"});
  CHECK(a.Words("Cliënten: ideeën!") == std::vector<std::string>{"clienten", "ideeen"});
}

TEST_CASE("stopwords are Snowball's Dutch list without the negations") {
  Analyzer& a = SharedAnalyzer();
  for (const char* w : {"de", "het", "een", "en", "van", "zijn", "andere"}) {
    CHECK(a.IsStopword(w));
  }
  // "geen recht op bijstand" is not "recht op bijstand".
  for (const char* w : {"jeugd", "wmo", "gemeente", "niet", "geen"}) CHECK_FALSE(a.IsStopword(w));
}

TEST_CASE("IndexText: words with positions, stems, compound parts, hyphens, elisions") {
  Analyzer& a = SharedAnalyzer();
  Xapian::Document doc;
  Xapian::termpos pos = 0;
  a.IndexText("De jeugdhulpverlening van de POH-Jeugd voor jeugd- en gezinsbeleid in gemeenten",
              doc, pos);
  CHECK(pos == 12);
  const std::string jeugd = "Z" + a.Stem("jeugd");
  for (const std::string& term :
       {std::string("de"), std::string("jeugdhulpverlening"), "Z" + a.Stem("jeugdhulpverlening"),
        "Z" + a.Stem("hulpverlening"), "Z" + a.Stem("jeugdhulp"), jeugd, std::string("poh"),
        std::string("pohjeugd"), std::string("jeugdbeleid"), "Z" + a.Stem("jeugdbeleid"),
        "Z" + a.Stem("beleid"), "Z" + a.Stem("gemeente")}) {
    INFO(term);
    CHECK(HasTerm(doc, term));
  }
  CHECK_FALSE(HasTerm(doc, "Zde"));  // stopwords get no stem
  // "jeugdbeleid" sits where "jeugd" of "jeugd-" stands (position 8).
  auto positions = [&](const std::string& t) {
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
      if (*it == t)
        return std::vector<Xapian::termpos>(it.positionlist_begin(), it.positionlist_end());
    }
    return std::vector<Xapian::termpos>{};
  };
  CHECK(positions("jeugdbeleid") == std::vector<Xapian::termpos>{8});
  CHECK(positions("poh") == std::vector<Xapian::termpos>{5});
  CHECK(positions("pohjeugd") == std::vector<Xapian::termpos>{5});

  Xapian::Document title;
  Xapian::termpos title_pos = 0;
  a.IndexText("Wmo", title, title_pos, schema::kPrefixTitle);
  CHECK(Terms(title) == std::vector<std::string>{"Swmo", "ZSwmo"});
}

TEST_CASE("IndexText: text in another language gets its own stems, never Dutch analysis") {
  Analyzer& a = SharedAnalyzer();
  const std::string text = "Wonderland housing policies in the well-being programme";
  Xapian::Document dutch;
  Xapian::termpos pos = 0;
  a.IndexText(text, dutch, pos);  // what an English text got before: Dutch compound parts
  CHECK(HasTerm(dutch, "Zwonder"));
  CHECK(HasTerm(dutch, "Zland"));

  Xapian::Document english;
  pos = 0;
  a.IndexText(text, english, pos, {}, 1, "en");
  CHECK(pos == 8);
  for (const std::string term : {"wonderland", "housing", "policies", "well", "being", "wellbeing",
                                 "Zwonderland", "Zhous", "Zpolici", "Zprogramm"}) {
    INFO(term);
    CHECK(HasTerm(english, term));
  }
  // No Dutch compound parts, Dutch stems or Dutch synonyms.
  for (const std::string term : {"Zwonder", "Zland", "Zpolicies", "Zhousing"}) {
    INFO(term);
    CHECK_FALSE(HasTerm(english, term));
  }
  // Every stem is Snowball's English stem of one of its words.
  const Xapian::Stem snowball("english");
  std::vector<std::string> english_stems;
  for (const std::string& term : Terms(english)) {
    if (term[0] != 'Z') english_stems.push_back("Z" + snowball(term));
  }
  for (const std::string& term : Terms(english)) {
    INFO(term);
    if (term[0] == 'Z') CHECK(std::count(english_stems.begin(), english_stems.end(), term) > 0);
  }

  // Frisian: Snowball has no stemmer for it, so its words only, at their positions.
  Xapian::Document frisian;
  pos = 0;
  a.IndexText("De gemeenteried fan Ljouwert", frisian, pos, {}, 1, "fy");
  CHECK(Terms(frisian) == std::vector<std::string>{"de", "fan", "gemeenteried", "ljouwert"});
}

TEST_CASE("PrepareQuery folds words and keeps the query syntax") {
  Analyzer& a = SharedAnalyzer();
  CHECK(a.PrepareQuery("Cliënten AND \"Jeugd- en Gezinsbeleid\" NOT café") ==
        "clienten AND \"jeugdbeleid gezinsbeleid\" NOT cafe");
  CHECK(a.PrepareQuery("jeugd- en gezinsbeleid Drenthe") ==
        "(jeugdbeleid OR gezinsbeleid) drenthe");
  CHECK(a.PrepareQuery("POH-Jeugd -thuiszorg title:Wmo") == "poh-jeugd -thuiszorg title:wmo");
}

// A real on-disk index (synonyms need the glass backend).
struct SynonymIndex {
  testing::TempDir dir;
  Xapian::WritableDatabase db{(dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN};
  Analyzer& a = SharedAnalyzer();

  Xapian::docid Add(const std::string& text) {
    Xapian::Document doc;
    Xapian::termpos pos = 0;
    a.IndexText(text, doc, pos);
    doc.set_data(text);
    return db.add_document(doc);
  }
  std::vector<Xapian::docid> Search(const std::string& query) {
    Xapian::QueryParser qp;
    qp.set_database(db);
    a.ConfigureQueryParser(qp);
    Xapian::Enquire enquire(db);
    Xapian::Query q = qp.parse_query(a.PrepareQuery(query), Analyzer::kQueryFlags);
    UNSCOPED_INFO(query << " -> " << q.get_description());
    enquire.set_query(q);
    std::vector<Xapian::docid> ids;
    Xapian::MSet mset = enquire.get_mset(0, 10);
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
    std::sort(ids.begin(), ids.end());
    return ids;
  }
};

TEST_CASE("synonyms and abbreviations expand through QueryParser") {
  SynonymIndex index;
  const auto spelled = index.Add("De Wet maatschappelijke ondersteuning regelt hulp thuis.");
  const auto abbrev = index.Add("Gemeenten voeren de Wmo uit.");
  const auto jeugdhulp = index.Add("Meer jeugdhulp voor gezinnen.");
  const auto jeugdzorg = index.Add("De jeugdzorg in Drenthe.");
  const auto mantelzorg = index.Add("Informele zorg door buren.");
  const auto other = index.Add("Een rapport over woningbouw en cliënten.");
  REQUIRE(index.a.WriteSynonyms(index.db).ok());
  index.db.commit();

  using Ids = std::vector<Xapian::docid>;
  CHECK(index.Search("wmo") == Ids{spelled, abbrev});
  CHECK(index.Search("Wet maatschappelijke ondersteuning") == Ids{spelled, abbrev});
  CHECK(index.Search("jeugdzorg") == Ids{jeugdhulp, jeugdzorg});
  CHECK(index.Search("jeugdhulp") == Ids{jeugdhulp, jeugdzorg});
  CHECK(index.Search("mantelzorg") == Ids{mantelzorg});
  CHECK(index.Search("client") == Ids{other});
  CHECK(index.Search("hulpverlening") == Ids{});
}

TEST_CASE("compound parts and plurals are found by the query side") {
  SynonymIndex index;
  const auto compound = index.Add("Knelpunten in de jeugdhulpverlening.");
  const auto plural = index.Add("Praktijkondersteuners in huisartsenpraktijken van gemeenten.");
  REQUIRE(index.a.WriteSynonyms(index.db).ok());
  index.db.commit();
  using Ids = std::vector<Xapian::docid>;
  CHECK(index.Search("hulpverlening") == Ids{compound});
  CHECK(index.Search("jeugdhulp") == Ids{compound});
  CHECK(index.Search("knelpunt") == Ids{compound});
  CHECK(index.Search("gemeente") == Ids{plural});
  CHECK(index.Search("huisartsenpraktijk") == Ids{plural});
  CHECK(index.Search("praktijk") == Ids{plural});
}

}  // namespace
}  // namespace kb::analysis
