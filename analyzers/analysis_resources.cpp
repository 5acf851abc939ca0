// LoadResources: reads the corpus data once. Errors name the file and say what to do.
#include <algorithm>
#include <fstream>

#include "analysis_resources.h"
#include "kb/analysis/analyzer.h"
#include "kb/analysis/text_fold.h"

namespace kb::analysis {
namespace {

Status OpenError(const std::filesystem::path& path, std::string_view what) {
  return Status::NotFound("cannot read the " + std::string(what) + " " + path.string() +
                          "; check AnalysisConfig (KB_DATA_DIR) or install the file");
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

enum class EntryKind { kWord, kName, kOther };

// Plain lower-case words are compound parts; capitalised single words are names; entries with
// digits, spaces, dots, apostrophes or hyphens are neither.
EntryKind Classify(std::string_view line) {
  if (line.empty()) return EntryKind::kOther;
  bool capital = false;
  for (unsigned char c : line) {
    if ((c >= '0' && c <= '9') || c == ' ' || c == '.' || c == '\'' || c == '-') {
      return EntryKind::kOther;
    }
    capital = capital || (c >= 'A' && c <= 'Z');
  }
  return capital ? EntryKind::kName : EntryKind::kWord;
}

Status LoadLexicon(const std::filesystem::path& path, SortedWordList& lexicon,
                   SortedWordList& names) {
  std::ifstream in(path);
  if (!in) return OpenError(path, "compound lexicon");
  lexicon.reserve(420000);
  std::string word;
  for (std::string line; std::getline(in, line);) {
    std::string_view entry = Trim(line);
    const EntryKind kind = Classify(entry);
    if (kind == EntryKind::kOther) continue;
    word.clear();
    AppendFolded(entry, word);
    (kind == EntryKind::kWord ? lexicon : names).Add(word);
  }
  lexicon.Finish();
  names.Finish();
  return Status::Ok();
}

// One word per line; "|" or "#" starts a comment (the Snowball list's own format).
Status LoadStopwords(const std::filesystem::path& path, WordSet& stopwords) {
  std::ifstream in(path);
  if (!in) return OpenError(path, "stopword list");
  for (std::string line; std::getline(in, line);) {
    std::string_view entry = line;
    entry = entry.substr(0, entry.find_first_of("|#"));
    entry = Trim(entry);
    if (!entry.empty()) stopwords.insert(Folded(entry));
  }
  return Status::Ok();
}

// "word<TAB>base form" per line ("plural<TAB>singular", "participle<TAB>infinitive"); "#"
// starts a comment line. `what` names the table in errors.
Status LoadBaseForms(const std::filesystem::path& path, std::string_view what,
                     WordMap<std::string>& overrides) {
  std::ifstream in(path);
  if (!in) return OpenError(path, what);
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    std::string_view entry = Trim(line);
    if (entry.empty() || entry.front() == '#') continue;
    const std::size_t tab = entry.find('\t');
    if (tab == std::string_view::npos) {
      return Status::InvalidArgument(path.string() + ":" + std::to_string(line_number) +
                                     ": expected \"word<TAB>base form\" in the " +
                                     std::string(what));
    }
    overrides.emplace(Folded(Trim(entry.substr(0, tab))), Folded(Trim(entry.substr(tab + 1))));
  }
  return Status::Ok();
}

}  // namespace

Result<std::shared_ptr<const AnalysisResources>> LoadResources(const AnalysisConfig& config) {
  auto resources = std::make_shared<AnalysisResources>();
  if (Status s = LoadLexicon(config.lexicon_path, resources->lexicon, resources->names); !s.ok())
    return s;
  if (Status s = LoadStopwords(config.data_dir / "stopwords.txt", resources->stopwords); !s.ok()) {
    return s;
  }
  if (Status s = LoadBaseForms(config.data_dir / "stemmer_overrides.tsv", "stemmer override table",
                               resources->plural_to_singular);
      !s.ok()) {
    return s;
  }
  if (Status s = LoadBaseForms(config.data_dir / "verb_forms.tsv", "verb form table",
                               resources->verb_to_infinitive);
      !s.ok()) {
    return s;
  }
  if (Status s = LoadBaseForms(config.data_dir / "stem_exceptions.tsv", "stem exception table",
                               resources->fixed_stems);
      !s.ok()) {
    return s;
  }
  Result<SynonymTable> synonyms = SynonymTable::Load(config.data_dir / "synonyms.toml");
  if (!synonyms.ok()) return synonyms.status();
  resources->synonyms = std::move(synonyms).value();
  return std::shared_ptr<const AnalysisResources>(std::move(resources));
}

}  // namespace kb::analysis
