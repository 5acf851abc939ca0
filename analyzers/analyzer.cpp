// PLACEHOLDER implementation (skeleton): Xapian's TermGenerator with the "dutch" stemmer.
// To be replaced by the ICU pipeline (folding, compounds, overrides).
#include "kb/analysis/analyzer.h"

#include "kb/core/schema.h"

namespace kb::analysis {

class AnalysisResources {};

Result<std::shared_ptr<const AnalysisResources>> LoadResources(const AnalysisConfig&) {
  return std::shared_ptr<const AnalysisResources>(std::make_shared<AnalysisResources>());
}

struct Analyzer::Impl {
  std::shared_ptr<const AnalysisResources> resources;
  Xapian::Stem stem{std::string(schema::kStemmerName)};
  Xapian::TermGenerator generator;
};

Analyzer::Analyzer(std::shared_ptr<const AnalysisResources> resources)
    : impl_(std::make_unique<Impl>()) {
  impl_->resources = std::move(resources);
  impl_->generator.set_stemmer(impl_->stem);
  impl_->generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

void Analyzer::IndexText(std::string_view text, Xapian::Document& doc, Xapian::termpos& pos,
                         std::string_view prefix, Xapian::termcount wdf_inc) {
  impl_->generator.set_document(doc);
  impl_->generator.set_termpos(pos);
  impl_->generator.index_text(std::string(text), wdf_inc, std::string(prefix));
  pos = impl_->generator.get_termpos();
}

Xapian::Stem Analyzer::QueryStemmer() const { return impl_->stem; }

std::string Analyzer::Fold(std::string_view text) { return std::string(text); }

std::vector<std::string> Analyzer::Words(std::string_view text) {
  std::vector<std::string> words;
  for (Xapian::Utf8Iterator it(text.data(), text.size()), end; it != end;) {
    std::string word;
    while (it != end && Xapian::Unicode::is_wordchar(*it)) {
      Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(*it));
      ++it;
    }
    if (!word.empty()) words.push_back(word);
    if (it != end) ++it;
  }
  return words;
}

}  // namespace kb::analysis
