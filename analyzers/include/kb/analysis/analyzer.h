// The Dutch analysis pipeline, used identically at index time and at query time.
//
// AnalysisResources holds the immutable data (stopwords, stemmer overrides, compound lexicon,
// synonyms), loaded once and shared by all threads. Analyzer is cheap to construct and NOT
// thread-safe (it owns Xapian::Stem and ICU objects): create one per thread.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "kb/core/status.h"

namespace kb::analysis {

struct AnalysisConfig {
  // Editorial data: synonyms.toml, stemmer_overrides.tsv, themes.toml, gazetteer.tsv, ...
  std::filesystem::path data_dir = KB_DATA_DIR;
};

class AnalysisResources;

// Loads the analysis data from config.data_dir. Errors name the file that could not be read.
Result<std::shared_ptr<const AnalysisResources>> LoadResources(const AnalysisConfig& config);

class Analyzer {
 public:
  explicit Analyzer(std::shared_ptr<const AnalysisResources> resources);
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Adds the index terms of `text` to `doc`: for each word its folded form with a position
  // (prefix + word), and its stem (prefix "Z" + prefix + stem); compound parts are added as
  // extra stems. `pos` is the position of the previous word and is advanced.
  // An empty prefix indexes body text; schema::kPrefixTitle indexes the title.
  void IndexText(std::string_view text, Xapian::Document& doc, Xapian::termpos& pos,
                 std::string_view prefix = {}, Xapian::termcount wdf_inc = 1);

  // The stemmer (Xapian's "dutch" plus the override layer) for Xapian::QueryParser, so queries
  // stem exactly as documents do.
  Xapian::Stem QueryStemmer() const;

  // Folds text for matching: NFKC, lower case, diacritics removed ("Cliënten" -> "clienten").
  std::string Fold(std::string_view text);

  // The folded words of `text`, in order, as IndexText would see them (no stopword removal).
  std::vector<std::string> Words(std::string_view text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb::analysis
