// EditApplier: an editor's decisions (editorial::DocumentEdits) applied to the StoredDocument the
// machine built, before DocumentBuilder derives the index terms from it, so every term, value
// and stored field follows the edits.
//
// Rules:
//  - Any override marks the document edited and keeps the machine's title, date, kind,
//    organisation, themes, gemeenten and provincies in StoredDocument::machine.
//  - title/date/kind/organisation replace the machine's value (an empty date clears it).
//  - An added theme gets its catalogue name and score 1.0; an added gemeente its official name and
//    provincie from the gazetteer (mentions 0), and brings its provincie along as the tagger does.
//  - A removed theme or gemeente disappears; a provincie that only removed gemeenten brought in
//    disappears with them (a provincie the text also names directly must then be added back with
//    provincies_added: the machine's result does not say which it was).
//  - provincies_added / provincies_removed act last.
//  - hidden, or merged into another document: hidden; merged_into names the kept document.
//  - Duplicates merged into this document become also_published_as.
// Unknown slugs or codes (the API validates them; an old store may still hold one after a
// taxonomy change) are skipped, never invented.
// Immutable; Apply is const and thread-safe.
#pragma once

#include "kb/analysis/region_tagger.h"
#include "kb/analysis/theme_tagger.h"
#include "kb/core/stored_document.h"
#include "kb/editorial/edits.h"

namespace kb::index {

class EditApplier {
 public:
  // The taggers are the catalogue of themes and gemeenten; they must outlive the applier.
  EditApplier(const analysis::ThemeTagger& themes, const analysis::RegionTagger& regions)
      : themes_(themes), regions_(regions) {}

  void Apply(const editorial::DocumentEdits& edits, StoredDocument& doc) const;

 private:
  void ApplyThemes(const editorial::Override& o, StoredDocument& doc) const;
  void ApplyRegions(const editorial::Override& o, StoredDocument& doc) const;

  const analysis::ThemeTagger& themes_;
  const analysis::RegionTagger& regions_;
};

}  // namespace kb::index
