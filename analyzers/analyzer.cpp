// Analyzer: index-time analysis (IndexText) and the small word-level entry points.
#include "kb/analysis/analyzer.h"

#include <string>
#include <vector>

#include "analyzer_impl.h"
#include "kb/analysis/text_fold.h"
#include "kb/analysis/tokenizer.h"
#include "kb/core/schema.h"

namespace kb::analysis {
namespace {

constexpr std::size_t kMaxTermBytes = 120;  // Xapian allows 245; longer "words" are junk

// Writes the terms of one text into one document. Holds the small amount of state that spans
// words: the current hyphen chain, pending elided modifiers and the recent words for phrase
// synonyms.
class TextIndexer {
 public:
  // `foreign`: the text is not Dutch; its words get this stemmer's stems (none when null).
  // `positions`: add each word at its position (else with its frequency only).
  TextIndexer(WordAnalysis& words, Xapian::Document& doc, std::string_view prefix,
              Xapian::termcount wdf_inc, bool foreign, const Xapian::Stem* foreign_stemmer,
              bool positions)
      : words_(words),
        doc_(doc),
        prefix_(prefix),
        wdf_inc_(wdf_inc),
        foreign_(foreign),
        foreign_stemmer_(foreign_stemmer),
        positions_(positions) {
    const std::size_t window = words.resources().synonyms.longest_phrase();
    recent_.resize(window > 0 ? window : 1);
  }

  void Add(const Token& token, std::string_view word, Xapian::termpos pos) {
    if (!token.joined) FinishChain();
    if (foreign_) {
      AddPosting(word, pos);
      AddForeignStem(word);
      ExtendChain(token, word, pos);
      return;
    }
    AddPosting(word, pos);
    const WordInfo& info = words_.Analyze(word);
    AddStems(info);
    const std::size_t head_begin = info.head_begin;  // `info` dies at the next Analyze
    ExtendChain(token, word, pos);
    HandleElision(token, word, head_begin, pos);
    MatchPhrases(word);
  }

  void Finish() { FinishChain(); }

 private:
  struct Pending {
    std::string word;
    Xapian::termpos pos;
  };

  void AddPosting(std::string_view word, Xapian::termpos pos) {
    term_.assign(prefix_).append(word);
    if (positions_) {
      doc_.add_posting(term_, pos, wdf_inc_);
    } else {
      doc_.add_term(term_, wdf_inc_);
    }
  }
  void AddStem(std::string_view stem) {
    term_.assign(schema::kPrefixStem).append(prefix_).append(stem);
    doc_.add_term(term_, wdf_inc_);
  }
  void AddStems(const WordInfo& info) {
    if (info.stopword) return;
    AddStem(info.stem);
    for (const std::string& part : info.part_stems) AddStem(part);
  }
  void AddForeignStem(std::string_view word) {
    if (foreign_stemmer_ != nullptr) AddStem((*foreign_stemmer_)(std::string(word)));
  }
  // A derived word (hyphen whole, expanded elision) at an existing position, with its stems.
  void AddDerived(const std::string& word, Xapian::termpos pos) {
    if (word.size() > kMaxTermBytes) return;
    AddPosting(word, pos);
    if (foreign_) {
      AddForeignStem(word);
    } else {
      AddStems(words_.Analyze(word));
    }
  }

  void ExtendChain(const Token& token, std::string_view word, Xapian::termpos pos) {
    if (!token.joined || chain_.empty()) {
      chain_.assign(word);
      chain_start_ = pos;
      chain_length_ = 1;
    } else {
      chain_.append(word);
      ++chain_length_;
    }
  }
  void FinishChain() {
    if (chain_length_ >= 2) AddDerived(chain_, chain_start_);
    chain_.clear();
    chain_length_ = 0;
  }

  void HandleElision(const Token& token, std::string_view word, std::size_t head_begin,
                     Xapian::termpos pos) {
    if (token.dangling) {
      pending_.push_back(Pending{std::string(word), pos});
      return;
    }
    if (pending_.empty() || IsElisionConjunction(word)) return;
    if (head_begin > 0) {
      const std::string_view head = word.substr(head_begin);
      for (const Pending& p : pending_) AddDerived(p.word + std::string(head), p.pos);
    }
    pending_.clear();
  }

  void MatchPhrases(std::string_view word) {
    const SynonymTable& synonyms = words_.resources().synonyms;
    recent_[next_ % recent_.size()].assign(word);
    ++next_;
    const auto& by_last = synonyms.phrases_by_last_word();
    auto it = by_last.find(word);
    if (it == by_last.end()) return;
    for (const SynonymTable::PhraseRef& ref : it->second) {
      const SynonymGroup& group = synonyms.groups()[ref.group];
      const std::vector<std::string>& phrase = group.phrases[ref.phrase];
      if (phrase.size() > next_) continue;
      bool match = true;
      for (std::size_t k = 0; k < phrase.size() && match; ++k) {
        match = recent_[(next_ - 1 - k) % recent_.size()] == phrase[phrase.size() - 1 - k];
      }
      if (match) {
        const WordInfo& concept_info = words_.Analyze(group.canonical);
        if (!concept_info.stopword) AddStem(concept_info.stem);
      }
    }
  }

  WordAnalysis& words_;
  Xapian::Document& doc_;
  std::string_view prefix_;
  Xapian::termcount wdf_inc_;
  bool foreign_;
  const Xapian::Stem* foreign_stemmer_;
  const bool positions_;
  std::string term_;
  std::string chain_;
  Xapian::termpos chain_start_ = 0;
  std::size_t chain_length_ = 0;
  std::vector<Pending> pending_;
  std::vector<std::string> recent_;
  std::size_t next_ = 0;
};

}  // namespace

Analyzer::Analyzer(std::shared_ptr<const AnalysisResources> resources)
    : impl_(std::make_unique<Impl>(std::move(resources))) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

const Xapian::Stem* Analyzer::Impl::ForeignStemmer(std::string_view language) {
  auto it = foreign_stemmers.find(language);
  if (it == foreign_stemmers.end()) {
    std::optional<Xapian::Stem> stemmer;
    try {
      stemmer.emplace(std::string(language));  // Snowball's ISO 639-1 names: en, de, fr, ...
    } catch (const Xapian::InvalidArgumentError&) {
      // No Snowball stemmer for it (fy): its words only.
    }
    it = foreign_stemmers.emplace(std::string(language), std::move(stemmer)).first;
  }
  return it->second ? &*it->second : nullptr;
}

void Analyzer::IndexText(std::string_view text, Xapian::Document& doc, Xapian::termpos& pos,
                         std::string_view prefix, Xapian::termcount wdf_inc,
                         std::string_view language, Positions positions) {
  const bool foreign = !language.empty() && language != "nl";
  TextIndexer indexer(impl_->words, doc, prefix, wdf_inc, foreign,
                      foreign ? impl_->ForeignStemmer(language) : nullptr,
                      positions == Positions::kKeep);
  Tokenizer tokenizer(text);
  std::string word;
  for (Token token; tokenizer.Next(token);) {
    word.clear();
    AppendFolded(token.text, word);
    // Folding can make a short token long (NFKC expands U+FDFA to 18 characters): bound it here,
    // so no term reaches Xapian's limit, which would refuse the whole document.
    if (word.empty() || word.size() > kMaxTermBytes) continue;
    indexer.Add(token, word, ++pos);
  }
  indexer.Finish();
}

std::string Analyzer::Fold(std::string_view text) { return Folded(text); }

std::vector<std::string> Analyzer::Words(std::string_view text) { return FoldedWords(text); }

std::string Analyzer::Stem(std::string_view word) {
  const std::string folded = Folded(word);
  return impl_->words.stemmer().Stem(folded);
}

std::vector<CompoundPart> Analyzer::SplitCompound(std::string_view word) {
  const std::string folded = Folded(word);
  std::vector<CompoundPart> parts;
  // As IndexText splits: not a word with a fixed stem, nor an inflection of a non-compound.
  if (impl_->words.Analyze(folded).head_begin == 0) return parts;
  for (const CompoundSpan& span : impl_->words.splitter().Split(folded)) {
    parts.push_back(
        CompoundPart{folded.substr(span.begin, span.end - span.begin), span.begin, span.end});
  }
  return parts;
}

bool Analyzer::IsStopword(std::string_view folded_word) const {
  return impl_->resources->stopwords.contains(folded_word);
}

}  // namespace kb::analysis
