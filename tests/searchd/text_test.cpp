// Query text scanning, folding, spelling distance, page index and snippets on literal inputs.
#include <catch2/catch.hpp>

#include <bit>

#include "../analyzers/analysis_test_data.h"
#include "kb/analysis/analyzer.h"
#include "kb/analysis/query_words.h"
#include "kb/analysis/text_fold.h"
#include "kb/search/page_index.h"
#include "kb/search/query_builder.h"
#include "kb/search/snippets.h"
#include "kb/search/spelling.h"

using namespace kb::search;
using kb::analysis::OperatorWords;
using kb::analysis::QueryWord;
using kb::analysis::RewriteQuery;
using kb::analysis::ScanQueryWords;

TEST_CASE("query words: operators, fields, wildcards and numbers are told apart") {
  const std::string q = "titel:jeugdhulp EN \"passend onderwijs\" OF wijk* 2019";
  auto words = ScanQueryWords(q);
  REQUIRE(words.size() == 8);
  CHECK(words[0].is_field);
  CHECK(words[1].correctable());
  CHECK(words[2].is_operator);
  CHECK(words[5].is_operator);
  CHECK(words[6].is_wildcard);
  CHECK(words[7].is_number);
  auto upper = [](const QueryWord&, std::string_view w) {
    std::string s(w);
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  };
  CHECK(RewriteQuery(q, upper) == "titel:JEUGDHULP AND \"PASSEND ONDERWIJS\" OR WIJK* 2019");
  CHECK(RewriteQuery("a NIET b", upper, OperatorWords::kKeep) == "A NIET B");
  CHECK(RewriteQuery("a NIET b", upper) == "A NOT B");
}

TEST_CASE("explicit query syntax is told apart from plain words") {
  CHECK_FALSE(HasExplicitSyntax("Wanneer heeft een ouder recht op kinderbijslag?"));
  CHECK_FALSE(HasExplicitSyntax("POH-Jeugd in Groningen"));
  CHECK_FALSE(HasExplicitSyntax("jeugdhulp en armoede"));  // lower-case "en" is a word
  CHECK_FALSE(HasExplicitSyntax("een WOB (wet openbaarheid van bestuur) verzoek"));
  // A question's colon is punctuation, not a field: "inzet:" is no field of the syntax, and a
  // field name needs its term right after the colon.
  CHECK_FALSE(HasExplicitSyntax(
      "Wie gaat erover of een gemeente een rekenkamer inzet: de raad of het college?"));
  CHECK_FALSE(HasExplicitSyntax("Vraag: wat kost schuldhulp?"));
  CHECK_FALSE(HasExplicitSyntax("titel: jeugdhulp"));
  CHECK(HasExplicitSyntax("Titel:jeugdhulp armoede"));
  CHECK(HasExplicitSyntax("auteur:jansen"));
  for (const char* q :
       {"jeugdhulp EN armoede", "jeugdhulp OF armoede", "jeugdhulp NIET armoede",
        "\"passende jeugdhulp\"", "+jeugdhulp armoede", "jeugdhulp -armoede", "titel:jeugdhulp",
        "jeugd*"
        "(jeugdhulp OF armoede) Groningen"}) {
    INFO(q);
    CHECK(HasExplicitSyntax(q));
  }
  CHECK(IsQuestionWord("wanneer"));
  CHECK(IsQuestionWord("welke"));
  CHECK_FALSE(IsQuestionWord("ouder"));
}

TEST_CASE("folding lowers case and removes diacritics") {
  CHECK(kb::analysis::Folded("Cliënten") == "clienten");
  CHECK(kb::analysis::Folded("FRYSLÂN") == "fryslan");
  CHECK(kb::analysis::Folded("één") == "een");
}

TEST_CASE("Slug folds Dutch names to ASCII filter keys") {
  using kb::analysis::Slug;
  CHECK(Slug("Noord-Brabant") == "noord-brabant");
  CHECK(Slug("Fryslân") == "fryslan");
  CHECK(Slug("Súdwest-Fryslân") == "sudwest-fryslan");
  CHECK(Slug("'s-Hertogenbosch") == "s-hertogenbosch");
  CHECK(Slug("Armoede en schulden") == "armoede-en-schulden");
  // Letters folding keeps, and ligatures: in ASCII.
  CHECK(Slug("Ørsted Æbeltoft") == "orsted-aebeltoft");
  CHECK(Slug("Łódź") == "lodz");
  CHECK(Slug("Straße") == "strasse");
  CHECK(Slug("\xEF\xAC\x81nanciën") == "financien");
  CHECK(Slug("  --  ").empty());
  // The taggers' word keys are Slug's letters.
  for (const std::string name : {"Łódź", "Ærø", "\u0132sselmonde", "Frysla\u0302n", "Straße"}) {
    std::string base;
    kb::analysis::AppendBaseLetters(name, base);
    CHECK(Slug(name) == base);
  }
}

TEST_CASE("the fast Latin-1 fold gives what ICU gives") {
  // A string with U+01C5 (ǅ) takes the ICU path, the same string without it the fast path:
  // for every character of U+00C0..U+00FF both must agree.
  const std::string icu_marker = "\xC7\x85";
  for (unsigned code = 0xC0; code <= 0xFF; ++code) {
    const std::string letter = {static_cast<char>(0xC3), static_cast<char>(0x80 + code - 0xC0)};
    INFO("U+00" << std::hex << code);
    const std::string fast = kb::analysis::Folded("Ab" + letter);
    const std::string icu = kb::analysis::Folded("Ab" + letter + icu_marker);
    CHECK(icu == fast + kb::analysis::Folded(icu_marker));
  }
}

TEST_CASE("indexing and highlighting agree on every word's key") {
  kb::analysis::Analyzer analyzer(kb::analysis::testing::LoadDefaultResources());
  // Ligatures from PDFs, Latin-1 and other diacritics, "ł", "ß", Frisian "â" and "ú", a
  // typographic apostrophe, a soft hyphen.
  for (const std::string text : {"\xEF\xAC\x81"
                                 "nanciën",
                                 "e\xEF\xAC\x80"
                                 "ectief",
                                 "Łódź", "Straße", "Fryslân", "Súdwest", "auto’s",
                                 "be\xC2\xAD"
                                 "leid",
                                 "Ælbrecht", "København", "naïef", "Œuvre"}) {
    INFO(text);
    Xapian::Document doc;
    Xapian::termpos pos = 0;
    analyzer.IndexText(text, doc, pos);
    QueryTerms terms;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      if (t.positionlist_count() > 0) terms.words.insert(*t);
    }
    REQUIRE(terms.words.size() == 1);
    // The page index finds the page by the index's key, and the snippet marks the whole word.
    const std::vector<std::string> pages = {text};
    const PageIndex index = PageIndex::Build(pages, [](const std::string& w) { return w; });
    SnippetMaker maker(terms, Xapian::Stem("dutch"));
    const Snippet snippet = maker.Make(pages, index);
    CHECK(snippet.pages == std::vector<int>{1});
    CHECK(snippet.html == "<mark>" + text + "</mark>");
  }
}

TEST_CASE("edit distance counts a swap of neighbours as one edit") {
  CHECK(EditDistance("jeugdhlup", "jeugdhulp", 2) == 1);
  CHECK(EditDistance("eenzaamhied", "eenzaamheid", 2) == 1);
  CHECK(EditDistance("wmo", "wmo", 2) == 0);
  CHECK(EditDistance("armoede", "armoedes", 2) == 1);
  CHECK(EditDistance("jeugd", "ouderen", 2) == 3);  // capped at max + 1
  // Longer than any word of the vocabulary (rows on the heap instead of the stack).
  const std::string long_word(60, 'a');
  CHECK(EditDistance(long_word, long_word + "b", 2) == 1);
  CHECK(EditDistance(long_word + "xy", long_word + "yx", 2) == 1);
  CHECK(EditDistance(long_word, std::string(60, 'b'), 2) == 3);
  // Nearest skips words whose byte sets differ in more than two bits per allowed edit: never a
  // word within reach.
  const char* words[] = {"jeugdhulp", "jeugdhlup", "jeugdzorg", "eenzaamheid", "eenzaamhied",
                         "armoede",   "armoedes",  "wmo",       "mantelzorg",  "mantezlorg",
                         "schulden",  "schuld",    "fryslân",   "fryslan",     "ouderen"};
  for (const char* a : words) {
    for (const char* b : words) {
      INFO(a << " / " << b);
      const size_t distance = EditDistance(a, b, 100);
      CHECK(static_cast<size_t>(std::popcount(kb::search::ByteSet(a) ^ kb::search::ByteSet(b))) <=
            2 * distance);
    }
  }
}

TEST_CASE("snippets: best page, <mark>, escaping and page numbers") {
  const std::vector<std::string> pages = {
      "Inleiding over het sociaal domein.",
      "Hier staat <b>jeugdhulp</b> & meer jeugdhulp. Ook Jeugdhulp in Groningen.",
      "Een enkele keer jeugdhulp.",
  };
  auto stem = [](const std::string& w) { return w; };
  const PageIndex index = PageIndex::Build(pages, stem);
  QueryTerms terms;
  terms.stems = {"jeugdhulp"};
  SnippetMaker maker(terms, Xapian::Stem("dutch"));
  Snippet s = maker.Make(pages, index);
  CHECK(s.pages == std::vector<int>{2, 3});
  CHECK(s.html ==
        "Hier staat &lt;b&gt;<mark>jeugdhulp</mark>&lt;/b&gt; &amp; meer <mark>jeugdhulp</mark>. "
        "Ook <mark>Jeugdhulp</mark> in Groningen.");

  QueryTerms none;
  SnippetMaker plain(none, Xapian::Stem("dutch"));
  Snippet first = plain.Make(pages, index);
  CHECK(first.pages.empty());
  CHECK(first.html == "Inleiding over het sociaal domein.");
}

TEST_CASE("a long page is cut at word boundaries around the matches") {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "woord" + std::to_string(i) + " ";
  text += "eenzaamheid onder ouderen ";
  for (int i = 0; i < 200; ++i) text += "rest" + std::to_string(i) + " ";
  const std::vector<std::string> pages = {text};
  QueryTerms terms;
  terms.words = {"eenzaamheid"};
  SnippetMaker maker(terms, Xapian::Stem("dutch"), {100, 3});
  Snippet s = maker.Make(pages, PageIndex::Build(pages, [](const std::string& w) { return w; }));
  CHECK(s.pages == std::vector<int>{1});
  CHECK(s.html.rfind("…", 0) == 0);
  CHECK(s.html.find("<mark>eenzaamheid</mark> onder ouderen") != std::string::npos);
  CHECK(s.html.size() < 200);
  CHECK(s.html.find("woord1 ") == std::string::npos);
}
