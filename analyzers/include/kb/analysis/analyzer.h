// The Dutch analysis pipeline, used identically at index time and at query time.
//
// AnalysisResources holds the immutable data (stopwords, stemmer overrides, compound lexicon,
// synonyms), loaded once and shared by all threads. Analyzer is cheap to construct and NOT
// thread-safe (it owns Xapian::Stem, a word cache and buffers): create one per thread.
//
// The pipeline, per word: tokenise (codes such as "POH-Jeugd", "Wmo", "2015" survive) -> fold
// (NFKC, case fold, diacritics off) -> stopword? -> stem (Xapian "dutch" on the singular or the
// infinitive, see
// DutchStemmer) -> compound parts (lexicon split with linking morphemes) as extra stems.
//
// Query side, in kb_search (one Analyzer and one QueryParser per worker thread):
//
//   Xapian::QueryParser qp;
//   qp.set_database(db);                 // needed for the synonym expansion
//   analyzer.ConfigureQueryParser(qp);   // stemmer, STEM_SOME, stopper
//   Xapian::Query q = qp.parse_query(analyzer.PrepareQuery(user_text), Analyzer::kQueryFlags);
//
// The indexer calls WriteSynonyms(db) once per run so the index carries the synonym table that
// kQueryFlags expands from.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "kb/core/status.h"

namespace kb::analysis {

struct AnalysisConfig {
  // Corpus data: synonyms.toml, stopwords.txt, stemmer_overrides.tsv, verb_forms.tsv,
  // themes.toml, ...
  std::filesystem::path data_dir = KB_DATA_DIR;
  // The Dutch word list used for compound splitting and the plural rule (Debian wdutch).
  std::filesystem::path lexicon_path = "/usr/share/dict/nederlands";
};

class AnalysisResources;

// Loads the analysis data: config.lexicon_path, and stopwords.txt, stemmer_overrides.tsv,
// verb_forms.tsv and synonyms.toml from config.data_dir. Takes about half a second (the lexicon has
// 400k words). Errors (NotFound, InvalidArgument) name the file that could not be read or parsed.
Result<std::shared_ptr<const AnalysisResources>> LoadResources(const AnalysisConfig& config);

// A constituent of a compound: its text and byte offsets in the folded word. The linking
// morpheme (the "s" of "aandachtspunt") belongs to no constituent.
struct CompoundPart {
  std::string text;
  std::size_t begin = 0;
  std::size_t end = 0;
};

class Analyzer {
 public:
  // The QueryParser flags that match this analysis: the defaults plus automatic single- and
  // multi-word synonym expansion (requires QueryParser::set_database and WriteSynonyms).
  static constexpr unsigned kQueryFlags = Xapian::QueryParser::FLAG_DEFAULT |
                                          Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
                                          Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;

  // `resources` must not be null.
  explicit Analyzer(std::shared_ptr<const AnalysisResources> resources);
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Adds the index terms of `text` to `doc`:
  //  - each folded word at its position (prefix + word), stopwords included so phrases work;
  //  - for each non-stopword its stem, prefix "Z" + prefix + stem (wdf only, no position);
  //  - the constituents of a compound as extra stems ("Zjeugd", "Zhulp", "Zhulpverlening" for
  //    "jeugdhulpverlening"), also wdf only;
  //  - a hyphenated word as a whole too ("POH-Jeugd": "poh", "jeugd" and "pohjeugd" + stem);
  //  - elided compounds expanded ("jeugd- en gezinsbeleid": "jeugdbeleid" at the position of
  //    "jeugd", with its stem);
  //  - for a multi-word synonym ("Wet maatschappelijke ondersteuning") the stem of its concept
  //    word ("Zwmo"), so a query for the abbreviation finds the spelled-out form.
  // `pos` is the position of the previous word and is advanced. An empty prefix indexes body
  // text; schema::kPrefixTitle indexes the title.
  // `language` (ISO 639-1, as kb-indexer guesses it) says whose analysis applies. Dutch ("nl",
  // or empty) gets all of the above. Another language gets its words at their positions, hyphen
  // chains and, where Snowball has a stemmer for it (en, de, fr, ...), that stemmer's stems; never
  // the Dutch stemmer, compound parts, elisions or synonyms, which would make Dutch words of it
  // ("wonderland": "wonder" + "land"). Frisian has no Snowball stemmer: its words only.
  // `positions` kDrop indexes the words without their positions (`pos` still advances): for
  // texts no phrase is ever matched in.
  enum class Positions { kKeep, kDrop };
  void IndexText(std::string_view text, Xapian::Document& doc, Xapian::termpos& pos,
                 std::string_view prefix = {}, Xapian::termcount wdf_inc = 1,
                 std::string_view language = {}, Positions positions = Positions::kKeep);

  // The stemmer (Xapian's "dutch" plus the override layer) for Xapian::QueryParser, so queries
  // stem exactly as documents do. It folds its input. The returned object belongs to the
  // calling thread, like every Xapian object.
  Xapian::Stem QueryStemmer() const;

  // Sets the stemmer (QueryStemmer), STEM_SOME and the stopword list on `qp`. The stopper is
  // owned by `qp`, so `qp` may outlive this Analyzer.
  void ConfigureQueryParser(Xapian::QueryParser& qp) const;

  // Rewrites a user query for QueryParser: words folded ("Cliënten" -> "clienten"), operators
  // AND/OR/NOT/XOR/NEAR/ADJ (upper case), quotes, brackets, +/- and "field:" left intact;
  // elided compounds expanded ("jeugd- en gezinsbeleid" -> "(jeugdbeleid OR gezinsbeleid)",
  // inside quotes "jeugdbeleid gezinsbeleid").
  std::string PrepareQuery(std::string_view query);

  // Replaces the synonym table stored in `db` with corpus/synonyms.toml, keyed as QueryParser
  // looks synonyms up: each single word (folded, and as its "Z" stem term) and each phrase
  // (folded words joined by one space) maps to the "Z" stem terms of the other single-word
  // members. Takes effect at the next commit. Returns Internal when Xapian fails.
  Status WriteSynonyms(Xapian::WritableDatabase& db);

  // Folds text for matching: NFKC, lower case, diacritics removed ("Cliënten" -> "clienten").
  std::string Fold(std::string_view text);

  // The folded words of `text`, in order, as IndexText would see them (no stopword removal;
  // hyphenated words as their parts).
  std::vector<std::string> Words(std::string_view text);

  // The stem IndexText gives `word` (folded first), without prefix: "Gemeenten" -> "gemeent".
  std::string Stem(std::string_view word);

  // The top-level constituents of `word` (folded first); empty when it is not a compound.
  std::vector<CompoundPart> SplitCompound(std::string_view word);

  // True when the folded word is on the stopword list.
  bool IsStopword(std::string_view folded_word) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb::analysis
