// Compound splitting against the gold noun compounds of the UD Dutch treebanks.
//
// Boundary metric. For a gold row (surface form, lemma "aandacht_punt"), fold both. Walk the
// lemma's parts through the surface: every non-final part must appear verbatim at the current
// offset; the next part then starts at the smallest skip k in 0..3 (the linking morpheme or a
// hyphen) at which the surface continues with that part's first min(3, length) letters. These
// start offsets of the non-initial parts are the gold boundaries; rows where the walk fails
// (the surface does not contain a non-head part, e.g. "allereerste" = "aller_één") are left out
// and counted. Our boundaries are the begin offsets of the second and later parts of
// Analyzer::SplitCompound. Precision = matching boundaries / our boundaries, recall =
// matching boundaries / gold boundaries, both micro-averaged over all evaluated rows.
#include <catch2/catch.hpp>

#include <iostream>
#include <optional>
#include <set>
#include <sstream>

#include "analysis_test_data.h"
#include "sorted_word_list.h"

namespace kb::analysis {
namespace {

std::optional<std::set<std::size_t>> GoldBoundaries(const std::string& surface,
                                                    const std::vector<std::string>& parts) {
  std::set<std::size_t> boundaries;
  std::size_t pos = 0;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (surface.compare(pos, parts[i].size(), parts[i]) != 0) return std::nullopt;
    pos += parts[i].size();
    const std::string next = parts[i + 1].substr(0, std::min<std::size_t>(3, parts[i + 1].size()));
    std::optional<std::size_t> start;
    for (std::size_t k = 0; k <= 3 && !start; ++k) {
      if (surface.compare(pos + k, next.size(), next) == 0 && pos + k < surface.size()) {
        start = pos + k;
      }
    }
    if (!start) return std::nullopt;
    boundaries.insert(*start);
    pos = *start;
  }
  return boundaries;
}

TEST_CASE("compound boundaries on UD Dutch noun compounds") {
  Analyzer analyzer(testing::LoadDefaultResources());
  std::istringstream in(
      testing::ReadFile(testing::RefData() / "compounds/ud-dutch/ud_dutch_compound_lemmas.tsv"));
  std::size_t rows = 0, skipped = 0, predicted = 0, gold_total = 0, correct = 0;
  std::size_t shown = 0;
  std::set<std::string> seen;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cols;
    std::istringstream fields(line);
    for (std::string col; std::getline(fields, col, '\t');) cols.push_back(col);
    if (cols.size() < 3 || cols[2] != "NOUN") continue;
    const std::string surface = analyzer.Fold(cols[0]);
    if (!seen.insert(surface + "\t" + cols[1]).second) continue;  // case variants of one type
    std::vector<std::string> parts;
    std::istringstream lemma(analyzer.Fold(cols[1]));
    for (std::string part; std::getline(lemma, part, '_');) parts.push_back(part);
    const auto gold = GoldBoundaries(surface, parts);
    if (!gold) {
      ++skipped;
      continue;
    }
    ++rows;
    std::set<std::size_t> ours;
    const std::vector<CompoundPart> split = analyzer.SplitCompound(surface);
    for (std::size_t i = 1; i < split.size(); ++i) ours.insert(split[i].begin);
    std::size_t hits = 0;
    for (std::size_t b : ours) hits += gold->count(b);
    predicted += ours.size();
    gold_total += gold->size();
    correct += hits;
    if (hits != ours.size() || hits != gold->size()) {
      if (++shown <= 25) {
        std::ostringstream ours_text;
        for (const CompoundPart& p : split) ours_text << p.text << " ";
        UNSCOPED_INFO(surface << " gold " << cols[1] << " ours " << ours_text.str());
      }
    }
  }
  const double precision = static_cast<double>(correct) / static_cast<double>(predicted);
  const double recall = static_cast<double>(correct) / static_cast<double>(gold_total);
  std::cout << "[figure] compound boundaries on " << rows << " UD noun types (" << skipped
            << " not alignable, left out): precision " << precision << ", recall " << recall << " ("
            << correct << " of " << predicted << " predicted, " << gold_total << " gold)\n";
  CHECK(precision >= 0.95);  // the first failing check shows the first mismatches
  CHECK(recall >= 0.90);
  CHECK(rows > 1400);
}

TEST_CASE("compound splitting examples") {
  Analyzer analyzer(testing::LoadDefaultResources());
  auto texts = [&](std::string_view word) {
    std::vector<std::string> out;
    for (const CompoundPart& p : analyzer.SplitCompound(word)) out.push_back(p.text);
    return out;
  };
  CHECK(texts("aandachtspunten") == std::vector<std::string>{"aandacht", "punten"});
  CHECK(texts("activiteitenniveau").back() == "niveau");
  CHECK(texts("gezinsbeleid") == std::vector<std::string>{"gezin", "beleid"});
  CHECK(texts("huisartsenpraktijken").back() == "praktijken");
  CHECK(texts("chloorgassen") == std::vector<std::string>{"chloor", "gassen"});
  CHECK(texts("d66-congres") == std::vector<std::string>{"d66", "congres"});
  CHECK(texts("gemeente").empty());
  CHECK(texts("kat").empty());
}

}  // namespace
}  // namespace kb::analysis

namespace kb::analysis {

// The splitter narrows one prefix search as its piece grows; that must answer exactly what a
// fresh search for each piece answers, on the real lexicon and real compounds.
TEST_CASE("narrowing a prefix search gives what a whole search gives") {
  SortedWordList lexicon;
  std::istringstream dictionary(testing::ReadFile(AnalysisConfig{}.lexicon_path));
  for (std::string line; std::getline(dictionary, line);) lexicon.Add(line);
  lexicon.Finish();
  REQUIRE(lexicon.size() > 100000);

  std::istringstream in(
      testing::ReadFile(testing::RefData() / "compounds/ud-dutch/ud_dutch_compound_lemmas.tsv"));
  std::size_t words = 0, checks = 0, word_matches = 0, prefix_matches = 0;
  for (std::string line; std::getline(in, line) && words < 2000; ++words) {
    const std::string word = line.substr(0, line.find('\t'));
    for (std::size_t i = 0; i < word.size(); ++i) {
      SortedWordList::Range range = lexicon.All();
      for (std::size_t j = i + 1; j <= word.size(); ++j) {
        const std::string_view piece = std::string_view(word).substr(i, j - i);
        const SortedWordList::Match narrowed = lexicon.Narrow(range, piece);
        INFO(word << " [" << i << ", " << j << ")");
        REQUIRE(narrowed == lexicon.Find(piece));
        ++checks;
        word_matches += narrowed == SortedWordList::Match::kWord;
        prefix_matches += narrowed == SortedWordList::Match::kPrefix;
      }
    }
  }
  // The sample exercises all three answers.
  CHECK(word_matches > 1000);
  CHECK(prefix_matches > 1000);
  CHECK(checks > word_matches + prefix_matches);
}

}  // namespace kb::analysis
