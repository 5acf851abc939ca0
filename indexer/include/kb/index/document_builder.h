// DocumentBuilder: an ExtractedDoc plus its file facts -> the Xapian document and its stored data.
//
// Terms: title words (prefix S) and body words with positions (pages separated by
// schema::kPageGap so phrases never cross a page), stems and compound parts through the Analyzer;
// boolean filter terms for theme, gemeente, provincie, kind, year, language, format, organisation
// (each within Xapian's term limit by schema::BoundedTerm: a long value is cut and hashed);
// values for date, year, path, signature, content hash, page count and kind; stored data as
// StoredDocument JSON.
//
// Editorial state (schema 2): the document's edits are applied (EditApplier) before any term is
// derived, so title terms (S and the body's title words), filter terms and the date/year/kind
// values follow the overrides; edited documents get XEedited, hidden ones XEhidden, merged
// duplicates XEhidden and XEmerged; the review flags (ReviewFlags) become XR<flag> terms. The
// MinHash signature of the text goes to slot schema::kSlotMinHash with its band terms (XD...).
//
// Passages (analysis::SplitPassages) become documents of the passage index: their words with
// positions through the same Analyzer, the section heading's words, the parent term, and the
// passage as JSON data (schema::kPassagesFolder).
//
// Not thread-safe (owns an Analyzer): one builder per thread. The taggers are shared and const.
#pragma once

#include <filesystem>
#include <functional>

#include <xapian.h>

#include "kb/analysis/analyzer.h"
#include "kb/analysis/region_tagger.h"
#include "kb/analysis/theme_tagger.h"
#include "kb/core/stored_document.h"
#include "kb/editorial/edits.h"
#include "kb/extract/extracted_doc.h"
#include "kb/index/corpus_walker.h"
#include "kb/index/edit_applier.h"

namespace kb::index {

struct BuiltDocument {
  std::string id_term;  // "Q" + id
  Xapian::Document document;
  StoredDocument stored;
  // Its passages, for the passage index (schema::kPassagesFolder), each with the parent term.
  std::vector<Xapian::Document> passages;
  // An e-mail's attachments (ExtractedDoc::attachments), documents of their own: each carries
  // schema::kPrefixContainer + this document's id, and `copy_bytes`, the bytes of the copy the
  // index keeps at its stored.path.
  std::vector<BuiltDocument> attachments;
  std::string copy_bytes;
};

class DocumentBuilder {
 public:
  DocumentBuilder(analysis::Analyzer analyzer, const analysis::ThemeTagger& themes,
                  const analysis::RegionTagger& regions);

  // A document's edits by its id; null when no editor touched it.
  using EditsOf = std::function<const editorial::DocumentEdits*(const std::string& id)>;

  // The document and its attachments, whose copies go to `attachments_root`/<its id>/<n>/<name>
  // (n counts from 1 in the message's order).
  BuiltDocument Build(const extract::ExtractedDoc& doc, const CorpusFile& file,
                      const std::string& content_hash, const EditsOf& edits_of,
                      const std::filesystem::path& attachments_root);
  // A document without attachments; `edits` may be null (no editor touched it).
  BuiltDocument Build(const extract::ExtractedDoc& doc, const CorpusFile& file,
                      const std::string& content_hash, const editorial::DocumentEdits* edits);

 private:
  StoredDocument MachineDocument(const extract::ExtractedDoc& doc, const CorpusFile& file,
                                 const std::string& content_hash);
  // The editors' changes and the review flags.
  void Edit(StoredDocument& s, const editorial::DocumentEdits* edits) const;
  // Terms, values and data from `out.stored`; its passages.
  void Index(BuiltDocument& out, const CorpusFile& file);
  void AddTerms(const StoredDocument& s, Xapian::Document& d);
  std::vector<Xapian::Document> Passages(const StoredDocument& s);

  analysis::Analyzer analyzer_;
  const analysis::ThemeTagger& themes_;
  const analysis::RegionTagger& regions_;
  EditApplier applier_;
  int current_year_;  // for the review flags' date check
};

// Year from a date string "YYYY[-MM[-DD]]", 0 when there is none.
int YearOfDate(const std::string& date);

}  // namespace kb::index
