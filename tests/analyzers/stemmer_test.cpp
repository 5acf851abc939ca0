// Stemming figures: plain Xapian "dutch" against Snowball's reference output, singular/plural
// conflation on OpenTaal noun pairs (overall, held-out, rule only), and how many distinct
// UD lemmas end up sharing a term (ours against plain "dutch").
#include <catch2/catch.hpp>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "analysis_test_data.h"
#include "kb/core/schema.h"

namespace kb::analysis {
namespace {

using testing::ReadFile;
using testing::RefData;
using testing::StableHash;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::pair<std::string, std::string>> PluralPairs() {
  const auto json =
      nlohmann::json::parse(ReadFile(RefData() / "compounds/opentaal/plurals-nouns.json"));
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [singular, plurals] : json.items()) {
    if (plurals.is_string()) {
      pairs.emplace_back(singular, plurals.get<std::string>());
    } else {
      for (const auto& p : plurals) pairs.emplace_back(singular, p.get<std::string>());
    }
  }
  return pairs;
}

bool HeldOut(std::string_view folded_singular) { return StableHash(folded_singular) % 5 == 0; }

// The share of pairs (restricted by `keep`) whose singular and plural get the same stem.
template <typename Keep>
double Conflation(Analyzer& analyzer, const std::vector<std::pair<std::string, std::string>>& pairs,
                  Keep keep) {
  std::size_t same = 0, total = 0;
  for (const auto& [singular, plural] : pairs) {
    if (!keep(analyzer.Fold(singular))) continue;
    ++total;
    same += analyzer.Stem(singular) == analyzer.Stem(plural);
  }
  return total == 0 ? 0.0 : 100.0 * static_cast<double>(same) / static_cast<double>(total);
}

// A copy of corpus/ whose override table keeps only the rows `keep` accepts (by singular).
template <typename Keep>
std::shared_ptr<const AnalysisResources> ResourcesWithOverrides(const testing::TempDir& dir,
                                                                Keep keep) {
  const std::filesystem::path corpus = AnalysisConfig{}.data_dir;
  for (const char* name : {"stopwords.txt", "synonyms.toml"}) {
    std::filesystem::copy_file(corpus / name, dir.path() / name);
  }
  std::ofstream out(dir.path() / "stemmer_overrides.tsv");
  for (const std::string& line : Lines(ReadFile(corpus / "stemmer_overrides.tsv"))) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos || !keep(line.substr(tab + 1))) continue;
    out << line << '\n';
  }
  out.close();
  AnalysisConfig config;
  config.data_dir = dir.path();
  auto resources = LoadResources(config);
  REQUIRE(resources.ok());
  return std::move(resources).value();
}

TEST_CASE("plain Xapian dutch reproduces Snowball's dutch_porter output exactly") {
  const auto voc = Lines(ReadFile(RefData() / "snowball/dutch_porter/voc.txt"));
  const auto expected = Lines(ReadFile(RefData() / "snowball/dutch_porter/output.txt"));
  REQUIRE(voc.size() == expected.size());
  REQUIRE(voc.size() > 45000);
  Xapian::Stem dutch{std::string(schema::kStemmerName)};
  std::size_t differences = 0;
  for (std::size_t i = 0; i < voc.size(); ++i) {
    if (dutch(voc[i]) != expected[i]) {
      if (++differences <= 5)
        UNSCOPED_INFO(voc[i] << " -> " << dutch(voc[i]) << " != " << expected[i]);
    }
  }
  std::cout << "[figure] dutch_porter reproduction: " << voc.size() - differences << "/"
            << voc.size() << " words identical\n";
  CHECK(differences == 0);
}

TEST_CASE("singular and plural nouns meet") {
  const auto pairs = PluralPairs();
  REQUIRE(pairs.size() > 17000);
  Analyzer analyzer(testing::LoadDefaultResources());
  auto all = [](const std::string&) { return true; };

  Xapian::Stem dutch{std::string(schema::kStemmerName)};
  std::size_t plain_same = 0;
  for (const auto& [s, p] : pairs) plain_same += dutch(s) == dutch(p);
  const double plain = 100.0 * static_cast<double>(plain_same) / static_cast<double>(pairs.size());
  const double overall = Conflation(analyzer, pairs, all);

  // Held out: overrides built from the 80% of singulars outside the hash bucket, measured on the
  // 20% inside it, so the rules, the lexicon and compound heads must do the work.
  testing::TempDir train_dir;
  Analyzer trained(
      ResourcesWithOverrides(train_dir, [](const std::string& s) { return !HeldOut(s); }));
  const double held_out = Conflation(trained, pairs, HeldOut);
  const double plain_held_out = [&] {
    std::size_t same = 0, total = 0;
    for (const auto& [s, p] : pairs) {
      if (!HeldOut(analyzer.Fold(s))) continue;
      ++total;
      same += dutch(s) == dutch(p);
    }
    return 100.0 * static_cast<double>(same) / static_cast<double>(total);
  }();
  // No override table at all: the general rule and the lexicon alone.
  testing::TempDir empty_dir;
  Analyzer rule_only(ResourcesWithOverrides(empty_dir, [](const std::string&) { return false; }));
  const double rules = Conflation(rule_only, pairs, all);

  std::cout << "[figure] plural conflation on " << pairs.size() << " OpenTaal pairs: ours "
            << overall << "%, plain dutch " << plain << "%\n"
            << "[figure] held-out 20% (overrides from the other 80%): ours " << held_out
            << "%, plain dutch " << plain_held_out << "%\n"
            << "[figure] rule + lexicon only (no override table): " << rules << "%\n";
  CHECK(plain == Approx(65.7).margin(0.1));
  CHECK(overall >= 95.0);
  CHECK(held_out >= 85.0);
  CHECK(rules >= 80.0);
}

TEST_CASE("regular plural rule") {
  Analyzer analyzer(testing::LoadDefaultResources());
  CHECK(analyzer.Stem("gemeenten") == analyzer.Stem("gemeente"));
  CHECK(analyzer.Stem("Cliënten") == analyzer.Stem("client"));
  CHECK(analyzer.Stem("ideeën") == analyzer.Stem("idee"));
  CHECK(analyzer.Stem("ouderen") == analyzer.Stem("oudere"));
  CHECK(analyzer.Stem("brieven") == analyzer.Stem("brief"));
  CHECK(analyzer.Stem("auto's") == analyzer.Stem("auto"));
  CHECK(analyzer.Stem("stiefkinderen") == analyzer.Stem("stiefkind"));
  CHECK(analyzer.Stem("jeugdhulpverleners") == analyzer.Stem("jeugdhulpverlener"));
  CHECK(analyzer.Stem("huis") != analyzer.Stem("hui"));
}

struct Collisions {
  std::size_t terms = 0;   // terms reached by more than one lemma
  std::size_t lemmas = 0;  // distinct lemmas that share their term with another lemma
};

template <typename StemFn>
Collisions CountCollisions(const std::vector<std::pair<std::string, std::string>>& tokens,
                           StemFn stem) {
  std::map<std::string, std::set<std::string>> lemmas_by_term;
  for (const auto& [form, lemma] : tokens) lemmas_by_term[stem(form)].insert(lemma);
  Collisions c;
  std::set<std::string> shared;
  for (const auto& [term, lemmas] : lemmas_by_term) {
    if (lemmas.size() < 2) continue;
    ++c.terms;
    shared.insert(lemmas.begin(), lemmas.end());
  }
  c.lemmas = shared.size();
  return c;
}

TEST_CASE("distinct UD lemmas sharing a term: ours against plain dutch") {
  Analyzer analyzer(testing::LoadDefaultResources());
  std::set<std::pair<std::string, std::string>> unique;
  for (const char* file : {"nl_alpino-ud-dev.conllu", "nl_alpino-ud-test.conllu",
                           "nl_lassysmall-ud-dev.conllu", "nl_lassysmall-ud-test.conllu"}) {
    for (const std::string& line : Lines(ReadFile(RefData() / "compounds/ud-dutch" / file))) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> cols;
      std::istringstream in(line);
      for (std::string col; std::getline(in, col, '\t');) cols.push_back(col);
      if (cols.size() < 4 || cols[0].find_first_of("-.") != std::string::npos) continue;
      if (cols[3] == "PUNCT" || cols[3] == "SYM" || cols[3] == "NUM" || cols[3] == "X") continue;
      unique.emplace(analyzer.Fold(cols[1]), analyzer.Fold(cols[2]));
    }
  }
  const std::vector<std::pair<std::string, std::string>> tokens(unique.begin(), unique.end());
  REQUIRE(tokens.size() > 10000);
  Xapian::Stem dutch{std::string(schema::kStemmerName)};
  const Collisions plain = CountCollisions(tokens, [&](const std::string& w) { return dutch(w); });
  const Collisions ours =
      CountCollisions(tokens, [&](const std::string& w) { return analyzer.Stem(w); });
  std::cout << "[figure] UD (form, lemma) types: " << tokens.size()
            << "; terms shared by distinct lemmas: ours " << ours.terms << " (" << ours.lemmas
            << " lemmas), plain dutch " << plain.terms << " (" << plain.lemmas << " lemmas)\n";
  CHECK(static_cast<double>(ours.lemmas) <= 1.05 * static_cast<double>(plain.lemmas) + 10);
}

}  // namespace
}  // namespace kb::analysis
