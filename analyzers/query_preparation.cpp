// Analyzer's query side: QueryParser configuration, query rewriting and the synonym table.
#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <vector>

#include "analyzer_impl.h"
#include "dutch_stemmer.h"
#include "kb/analysis/query_words.h"
#include "kb/analysis/text_fold.h"
#include "kb/analysis/tokenizer.h"
#include "kb/core/schema.h"

namespace kb::analysis {
namespace {

// AND, OR, NOT, XOR, NEAR, ADJ: RewriteQuery has turned the Dutch operators into these.
bool IsXapianOperator(std::string_view raw) { return XapianOperator(raw) == raw; }

struct PreparedWord {
  Token token;
  std::string folded;
  bool inside_quotes = false;
};

}  // namespace

Xapian::Stem Analyzer::QueryStemmer() const { return MakeXapianStem(impl_->resources); }

void Analyzer::ConfigureQueryParser(Xapian::QueryParser& qp) const {
  qp.set_stemmer(QueryStemmer());
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  const WordSet& stopwords = impl_->resources->stopwords;
  // release() hands ownership of the stopper to the QueryParser (Xapian's reference count).
  qp.set_stopper((new Xapian::SimpleStopper(stopwords.begin(), stopwords.end()))->release());
}

std::string Analyzer::PrepareQuery(std::string_view query) {
  std::vector<PreparedWord> words;
  Tokenizer tokenizer(query);
  std::size_t scanned = 0;
  bool in_quotes = false;
  for (Token token; tokenizer.Next(token);) {
    in_quotes ^= std::count(query.begin() + static_cast<std::ptrdiff_t>(scanned),
                            query.begin() + static_cast<std::ptrdiff_t>(token.offset), '"') %
                 2;
    scanned = token.offset;
    PreparedWord word{token,
                      IsXapianOperator(token.text) ? std::string(token.text) : Folded(token.text),
                      in_quotes};
    words.push_back(std::move(word));
  }
  std::string out;
  std::size_t copied = 0;  // bytes of `query` already represented in `out`
  for (std::size_t i = 0; i < words.size(); ++i) {
    const PreparedWord& w = words[i];
    out.append(query.substr(copied, w.token.offset - copied));
    copied = w.token.offset + w.token.text.size();
    if (!w.token.dangling) {
      out.append(w.folded);
      continue;
    }
    // An elided compound: modifiers ending in "-", conjunctions, then the full compound.
    std::vector<std::size_t> modifiers{i};
    std::size_t j = i + 1;
    for (; j < words.size(); ++j) {
      if (words[j].token.dangling) {
        modifiers.push_back(j);
      } else if (!IsElisionConjunction(words[j].folded)) {
        break;
      }
    }
    const std::size_t head_begin =
        j < words.size() ? impl_->words.Analyze(words[j].folded).head_begin : 0;
    if (head_begin == 0) {
      out.append(w.folded);
      continue;
    }
    const std::string head = words[j].folded.substr(head_begin);
    const std::string_view separator = w.inside_quotes ? " " : " OR ";
    if (!w.inside_quotes) out.push_back('(');
    for (std::size_t m : modifiers) out.append(words[m].folded).append(head).append(separator);
    out.append(words[j].folded);
    if (!w.inside_quotes) out.push_back(')');
    copied = words[j].token.offset + words[j].token.text.size();
    i = j;
  }
  out.append(query.substr(copied));
  return out;
}

Status Analyzer::WriteSynonyms(Xapian::WritableDatabase& db) {
  try {
    std::vector<std::string> old_keys(db.synonym_keys_begin(), db.synonym_keys_end());
    for (const std::string& key : old_keys) db.clear_synonyms(key);
    DutchStemmer& stemmer = impl_->words.stemmer();
    for (const SynonymGroup& group : impl_->resources->synonyms.groups()) {
      std::vector<std::string> stem_terms;
      for (const std::string& word : group.words) {
        stem_terms.push_back(std::string(schema::kPrefixStem) + stemmer.Stem(word));
      }
      for (std::size_t i = 0; i < group.words.size(); ++i) {
        for (const std::string& term : stem_terms) {
          if (term == stem_terms[i]) continue;
          db.add_synonym(group.words[i], term);
          db.add_synonym(stem_terms[i], term);
        }
      }
      for (const std::vector<std::string>& phrase : group.phrases) {
        std::string key;
        for (const std::string& word : phrase) key.append(key.empty() ? "" : " ").append(word);
        for (const std::string& term : stem_terms) db.add_synonym(key, term);
      }
    }
  } catch (const Xapian::Error& e) {
    return Status::Internal("writing the synonym table into the index failed: " +
                            e.get_description());
  }
  return Status::Ok();
}

}  // namespace kb::analysis
