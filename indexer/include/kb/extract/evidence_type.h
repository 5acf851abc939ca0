// Evidence type ("Soort kennis"): what kind of knowledge a document contributes.
//
// One of the seven codes of schema::kEvidenceTypes, decided from the extracted text, title,
// kind and organisation by the rules at the top of indexer/extract/evidence_type.cpp. The
// definitions and how to decide between neighbouring types are written down in
// tests/indexer/data/EVIDENCE_LABELS.md; the accuracy against hand labels is measured by
// tests/indexer/evidence_type_test.cpp.
//
// Pure (no I/O, no global state) and thread-safe.
#pragma once

#include <string_view>

#include "kb/extract/extracted_doc.h"

namespace kb::extract {

// Needs doc.pages, doc.title, doc.kind (GuessKind), doc.date and doc.organisation; the other
// fields are ignored. `section` is the site's own section or category for the page when it
// declares one (front matter "categories": "opinie", "column", ...); empty when unknown. Always
// returns one of schema::kEvidenceTypes (a document with no text at all is a
// "praktijkbeschrijving": forms and scans are the usual empty files). The view points at a
// string literal and stays valid for the life of the program.
std::string_view ClassifyEvidence(const ExtractedDoc& doc, std::string_view section = {});

}  // namespace kb::extract
