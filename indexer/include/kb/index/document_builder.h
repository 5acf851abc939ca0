// DocumentBuilder: an ExtractedDoc plus its file facts -> the Xapian document and its stored data.
//
// Terms: title words (prefix S) and body words with positions (pages separated by
// schema::kPageGap so phrases never cross a page), stems and compound parts through the Analyzer;
// boolean filter terms for theme, gemeente, provincie, kind, year, language, format, organisation;
// values for date, year, path, signature, content hash, page count and kind; stored data as
// StoredDocument JSON. Not thread-safe (owns an Analyzer): one builder per thread. The taggers are
// shared and const.
#pragma once

#include <xapian.h>

#include "kb/analysis/analyzer.h"
#include "kb/analysis/region_tagger.h"
#include "kb/analysis/theme_tagger.h"
#include "kb/core/stored_document.h"
#include "kb/extract/extracted_doc.h"
#include "kb/index/corpus_walker.h"

namespace kb::index {

struct BuiltDocument {
  std::string id_term;  // "Q" + id
  Xapian::Document document;
  StoredDocument stored;
};

class DocumentBuilder {
 public:
  DocumentBuilder(analysis::Analyzer analyzer, const analysis::ThemeTagger& themes,
                  const analysis::RegionTagger& regions);

  BuiltDocument Build(const extract::ExtractedDoc& doc, const CorpusFile& file,
                      const std::string& content_hash);

 private:
  analysis::Analyzer analyzer_;
  const analysis::ThemeTagger& themes_;
  const analysis::RegionTagger& regions_;
};

// Year from a date string "YYYY[-MM[-DD]]", 0 when there is none.
int YearOfDate(const std::string& date);

}  // namespace kb::index
