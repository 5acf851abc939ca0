// Query text scanning, spelling distance, page index and snippets on literal inputs.
#include <catch2/catch.hpp>

#include <bit>

#include "kb/search/page_index.h"
#include "kb/search/query_builder.h"
#include "kb/search/query_text.h"
#include "kb/search/snippets.h"
#include "kb/search/spelling.h"

using namespace kb::search;

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

TEST_CASE("FoldWord lowers case and removes Latin-1 diacritics") {
  CHECK(FoldWord("Cliënten") == "clienten");
  CHECK(FoldWord("FRYSLÂN") == "fryslan");
  CHECK(FoldWord("één") == "een");
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
