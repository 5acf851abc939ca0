// kb-analyze: shows what the analysis makes of Dutch text, for editors and tests.
//
//   echo "Praktijkondersteuners jeugd in de gemeente Assen" | kb-analyze
//   echo "jeugd- en gezinsbeleid Wmo" | kb-analyze --query
//
// Prints JSON: the tokens, the index terms (as the indexer adds them to the body), the themes
// with scores and the regions; with --query the prepared query and Xapian's description of the
// parsed, synonym-expanded query (synonyms come from a throw-away index holding the table).
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include "kb/core/command_line.h"

#include "kb/analysis/analyzer.h"
#include "kb/analysis/region_tagger.h"
#include "kb/analysis/theme_tagger.h"

namespace {

using nlohmann::json;

int Fail(const kb::Status& status) {
  std::cerr << "kb-analyze: " << status.ToString() << "\n";
  return 1;
}

json TextReport(kb::analysis::Analyzer& analyzer, const std::string& text,
                const std::filesystem::path& data_dir) {
  json out;
  out["tokens"] = analyzer.Words(text);
  Xapian::Document doc;
  Xapian::termpos pos = 0;
  analyzer.IndexText(text, doc, pos);
  json terms = json::array();
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    terms.push_back({{"term", *it}, {"wdf", it.get_wdf()}});
  }
  out["terms"] = std::move(terms);

  json themes = json::array();
  auto theme_tagger = kb::analysis::ThemeTagger::Load(data_dir / "themes.toml");
  if (!theme_tagger.ok()) {
    out["themes_error"] = theme_tagger.status().ToString();
  } else {
    for (const kb::ThemeTag& tag : theme_tagger->Tag(text)) {
      themes.push_back({{"slug", tag.slug}, {"name", tag.name}, {"score", tag.score}});
    }
  }
  out["themes"] = std::move(themes);

  json gemeenten = json::array();
  json provincies = json::array();
  auto region_tagger = kb::analysis::RegionTagger::Load(data_dir / "gazetteer.tsv");
  if (!region_tagger.ok()) {
    out["regions_error"] = region_tagger.status().ToString();
  } else {
    const kb::analysis::RegionResult regions = region_tagger->Tag(text);
    for (const kb::GemeenteTag& g : regions.gemeenten) {
      gemeenten.push_back({{"code", g.code},
                           {"name", g.name},
                           {"provincie", g.provincie},
                           {"mentions", g.mentions}});
    }
    provincies = regions.provincies;
  }
  out["regions"] = {{"gemeenten", std::move(gemeenten)}, {"provincies", std::move(provincies)}};
  return out;
}

// A temporary directory for the synonym index, removed on destruction.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("kb-analyze-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

kb::Result<json> QueryReport(kb::analysis::Analyzer& analyzer, const std::string& query) {
  try {
    ScratchDir scratch;
    Xapian::WritableDatabase db((scratch.path() / "db").string(), Xapian::DB_CREATE);
    if (kb::Status s = analyzer.WriteSynonyms(db); !s.ok()) return s;
    db.commit();
    Xapian::QueryParser qp;
    qp.set_database(db);
    analyzer.ConfigureQueryParser(qp);
    const std::string prepared = analyzer.PrepareQuery(query);
    const Xapian::Query parsed = qp.parse_query(prepared, kb::analysis::Analyzer::kQueryFlags);
    return json{{"query", query}, {"prepared", prepared}, {"parsed", parsed.get_description()}};
  } catch (const Xapian::Error& e) {
    return kb::Status::InvalidArgument("cannot parse the query: " + e.get_description());
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Shows how the Dutch analysis treats text read from stdin, as JSON."};
  kb::analysis::AnalysisConfig config;
  bool query_mode = false;
  app.add_flag("--query", query_mode, "treat stdin as a search query: show how it is parsed");
  app.add_option("--data-dir", config.data_dir, "corpus data directory (corpus/)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--lexicon", config.lexicon_path, "Dutch word list for compound splitting")
      ->check(CLI::ExistingFile);
  kb::AddVersionFlag(app, "kb-analyze");
  kb::AddConfigFile(app, "kb-analyze");
  if (auto exit_code = kb::ParseCommandLine(app, argc, argv)) return *exit_code;

  const std::string text((std::istreambuf_iterator<char>(std::cin)),
                         std::istreambuf_iterator<char>());
  auto resources = kb::analysis::LoadResources(config);
  if (!resources.ok()) return Fail(resources.status());
  kb::analysis::Analyzer analyzer(resources.value());

  json out;
  if (query_mode) {
    std::string query = text;
    while (!query.empty() && (query.back() == '\n' || query.back() == '\r')) query.pop_back();
    auto report = QueryReport(analyzer, query);
    if (!report.ok()) return Fail(report.status());
    out = std::move(report).value();
  } else {
    out = TextReport(analyzer, text, config.data_dir);
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}
