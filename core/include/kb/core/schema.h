// The index schema: the one contract between kb-indexer and kb-searchd.
//
// Every term prefix, value slot and metadata key lives here and nowhere else. Xapian reserves
// single capital letters; we use the conventional ones where their meaning matches Xapian's
// conventions (Q unique id, S title, A author, Z stemmed term) and prefixes starting with X for
// everything of our own. Bump kSchemaVersion whenever the meaning of any of this changes;
// kb-searchd refuses an index whose version it does not know.
#pragma once

#include <array>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>

#include "kb/core/status.h"

namespace Xapian {
class Database;
class WritableDatabase;
}  // namespace Xapian

namespace kb::schema {

// 3: documents carry an evidence type (kPrefixEvidence, the stored field "evidence"); an index
// of version 2 lacks them and an incremental run would never add them to unchanged files.
inline constexpr std::string_view kSchemaVersion = "3";
// Xapian 1.4's "dutch" is Porter's Dutch stemmer; pinned by name and recorded in the index.
inline constexpr std::string_view kStemmerName = "dutch";

// --- Term prefixes -------------------------------------------------------------------------
inline constexpr std::string_view kPrefixId = "Q";             // unique document id (upsert key)
inline constexpr std::string_view kPrefixTitle = "S";          // title words (free text)
inline constexpr std::string_view kPrefixAuthor = "A";         // author / organisation words
inline constexpr std::string_view kPrefixStem = "Z";           // stemmed form (Xapian convention)
inline constexpr std::string_view kPrefixTheme = "XT";         // theme slug, e.g. XTjeugdhulp
inline constexpr std::string_view kPrefixGemeente = "XG";      // CBS code, e.g. XGGM0106
inline constexpr std::string_view kPrefixProvincie = "XP";     // provincie slug, e.g. XPdrenthe
inline constexpr std::string_view kPrefixKind = "XK";          // document kind, e.g. XKrapport
inline constexpr std::string_view kPrefixYear = "XY";          // four-digit year, e.g. XY2018
inline constexpr std::string_view kPrefixLanguage = "XL";      // ISO 639-1 code, e.g. XLnl
inline constexpr std::string_view kPrefixOrganisation = "XO";  // organisation slug
inline constexpr std::string_view kPrefixFormat = "XF";        // source format: pdf, text, markdown
inline constexpr std::string_view kPrefixEvidence = "XV";      // evidence type, e.g. XVnieuws
// Editorial state (schema 2): "XEhidden" (an editor hid it, or it was merged into another
// document), "XEmerged" (merged into another), "XEedited" (carries any editor override).
// kb-searchd leaves XEhidden documents out of every public result, facet and similar list.
inline constexpr std::string_view kPrefixEditorial = "XE";
inline constexpr std::string_view kEditorialHidden = "XEhidden";
inline constexpr std::string_view kEditorialMerged = "XEmerged";
inline constexpr std::string_view kEditorialEdited = "XEedited";
// Review queues (schema 2): set by kb-indexer when a document needs an editor's eye, e.g.
// "XRtitle"; the flag names are in kb/editorial/review.h.
inline constexpr std::string_view kPrefixReview = "XR";
// Near-duplicate detection (schema 2): one term per MinHash band, "XD" + band + hash (hex), so
// documents sharing a band are found through the term's posting list (LSH).
inline constexpr std::string_view kPrefixDuplicateBand = "XD";

// --- Passages (schema 2, an index built since session 10) ------------------------------------
// The passages of every document live in a Xapian database of their own, in this folder inside
// the index folder, so their statistics never change how documents rank. Each passage document
// holds its words (the same analysis as the body), the parent term kPrefixParent + document id
// (to find and replace a document's passages), and as data the JSON
// {"doc": id, "page": N, "section": "...", "role": "findings|body|appendix", "text": "..."}.
// Its document id, page and role are values too (slots below), so ranking reads no data.
inline constexpr std::string_view kPassagesFolder = "passages";
enum PassageSlot : unsigned {
  kPassageSlotDocument = 0,  // the document's id
  kPassageSlotPage = 1,      // the page, decimal
  kPassageSlotRole = 2,      // "findings", "body" or "appendix"
};
inline constexpr std::string_view kPrefixParent = "XU";

// An e-mail's attachments are documents of their own. Each carries kPrefixContainer + the
// message's document id (to find and replace them with the message), and the index keeps a copy
// of its bytes in kAttachmentsFolder/<message id>/ inside the index folder, which is its path.
inline constexpr std::string_view kPrefixContainer = "XM";
inline constexpr std::string_view kAttachmentsFolder = "attachments";
// In the document index: the passage format of a completed run. A run on an index without it (or
// with an older one) re-reads every file, so every document gets its passages.
// Version 3: the documents carry the facet value slots too (kSlotFacet*), so a run on an older
// index rebuilds every document.
inline constexpr std::string_view kMetaPassagesVersion = "kb.passages_version";
inline constexpr std::string_view kPassagesVersion = "3";

// --- Value slots ---------------------------------------------------------------------------
enum Slot : unsigned {
  kSlotDate = 0,       // "YYYYMMDD" (or "YYYY0000" when only the year is known); sorts as a string
  kSlotYear = 1,       // Xapian::sortable_serialise(year)
  kSlotSignature = 2,  // file signature "size:mtime_ns", for incremental runs
  kSlotPath = 3,       // absolute source path (UTF-8)
  kSlotContentHash = 4,  // hex content hash of the file bytes
  kSlotPageCount = 5,    // Xapian::sortable_serialise(pages)
  kSlotKind = 6,         // kind as a plain string, for collapsing and display
  kSlotMinHash = 7,      // MinHash signature of the text's shingles (binary, little endian u32s)
  // Fnv1a64 of the document data, 16 hex digits: a reader's parsed copy of the data stays valid
  // across commits for as long as this is unchanged (absent in indexes written before it).
  kSlotDataHash = 8,
  // When the document first entered the index, "YYYY-MM-DDTHH:MM:SSZ" (UTC; sorts as a string),
  // kept when kb-indexer replaces it (sort=added, feeds). Documents indexed before this slot
  // existed lack it until their file changes, and sort last.
  kSlotAdded = 9,
  // The facet values, for counting with Xapian's ValueCountMatchSpy on shards
  // (kb/core/facet_values.h); every document since passages version 3.
  kSlotFacetThemesProvincies = 10,  // theme slugs, then provincie slugs
  kSlotFacetGemeenten = 11,         // CBS codes
  kSlotFacetKind = 12,              // kind, evidence type, language
  kSlotFacetOrganisation = 13,      // organisation slug (as the XO term holds it), then its name
};

// --- Index metadata keys -------------------------------------------------------------------
inline constexpr std::string_view kMetaSchemaVersion = "kb.schema_version";
inline constexpr std::string_view kMetaStemmer = "kb.stemmer";
// The schema for a reader without this source: prefixes, value slots, passages, versions, stemmer
// (SchemaDescription, JSON), written with the other two whenever kb-indexer opens the index;
// `xapian-metadata get DIR kb.schema` shows it.
inline constexpr std::string_view kMetaSchema = "kb.schema";

// kb-indexer's status for kb-searchd (/api/health, /metrics): "<db>.indexer-status.json" beside
// the index folder, replaced atomically at a run's start, about once a second during it and at
// its end: {"state": "running"|"finished"|"stopped", "pid", "started", "finished", "files_done",
// "files_total", "indexed", "failed", "removed"} (times ISO 8601 UTC).
std::string IndexerStatusPathFor(std::string_view db);
std::string SchemaDescription();
inline constexpr std::string_view kMetaLastUpdate = "kb.last_update";  // ISO 8601 UTC
// A file that could not be indexed, remembered until it changes: "kb.failed:" + absolute path
// -> "signature\treason". A path too long for a key (see kMaxMetadataKeyBytes) is stored under
// "kb.failed#" + the 16 hex digits of its Fnv1a64 instead, and the value starts with the path
// and a NUL: "path\0signature\treason".
inline constexpr std::string_view kMetaFailurePrefix = "kb.failed:";

// The file extensions kb-indexer reads (lower case) and editors may upload: PDF, plain text,
// Markdown, Word, OpenDocument, PowerPoint, EPUB, web pages, RTF, e-mail. Which extractor reads a
// file is decided by its content; the extension only selects files.
inline constexpr std::array<std::string_view, 17> kIndexedExtensions = {
    ".pdf",  ".txt",  ".text", ".md",  ".markdown", ".docx", ".docm", ".odt", ".odp",
    ".pptx", ".epub", ".html", ".htm", ".xhtml",    ".rtf",  ".doc",  ".eml"};
inline constexpr std::string_view kMetaFailureHashedPrefix = "kb.failed#";
// A document committed but not yet compared with its near-duplicate candidates:
// "kb.compare:" + document id -> "1". Written in the same commit as the document and removed once
// its pairs are in the editorial store, so a run killed before that leaves them to the next.
inline constexpr std::string_view kMetaAwaitingComparisonPrefix = "kb.compare:";

// --- Xapian's size limits ------------------------------------------------------------------
// Xapian 1.4 refuses a term longer than 245 bytes ("Term too long (> 245)"), and while refusing
// it discards every uncommitted change of the writer: no term may ever be longer.
inline constexpr std::size_t kMaxTermBytes = 245;
// Xapian 1.4 refuses a metadata key whose stored form is longer than 255 bytes ("Key too long");
// it adds two bytes of its own, so 253 are ours.
inline constexpr std::size_t kMaxMetadataKeyBytes = 253;

// The boolean term `prefix` + `value`, never longer than kMaxTermBytes. A value that fits is
// kept whole. A longer one is cut at a UTF-8 character boundary and ends in "#" and the 16 hex
// digits of the Fnv1a64 of the whole value, so two long values that share their beginning stay
// two terms, and the same value always gives the same term (the indexer and a filter on it agree).
// `prefix` must be shorter than kMaxTermBytes - 17.
std::string BoundedTerm(std::string_view prefix, std::string_view value);

// The document kinds the indexer assigns (see indexer/README or kb/extract/metadata.h).
inline constexpr std::string_view kKinds[] = {"rapport", "interview", "artikel", "wet", "overig"};

// The evidence types ("Soort kennis") the indexer assigns, exactly one per document (rules in
// indexer/extract/evidence_type.cpp, definitions in tests/indexer/data/EVIDENCE_LABELS.md).
inline constexpr std::string_view kEvidenceTypes[] = {
    "effectonderzoek",    "monitor-cijfers",  "procesevaluatie", "praktijkbeschrijving",
    "beleid-regelgeving", "opinie-interview", "nieuws"};

// True for one of kEvidenceTypes.
inline bool IsEvidenceType(std::string_view value) {
  for (const std::string_view type : kEvidenceTypes) {
    if (type == value) return true;
  }
  return false;
}

// The evidence types as a Dutch choice for messages: "effectonderzoek, monitor-cijfers, ...,
// opinie-interview of nieuws".
inline std::string EvidenceTypeChoices() {
  std::string out;
  const std::size_t n = std::size(kEvidenceTypes);
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += i + 1 == n ? " of " : ", ";
    out += kEvidenceTypes[i];
  }
  return out;
}

// Positions: consecutive pages are separated by this gap so phrases never span a page break.
inline constexpr unsigned kPageGap = 100;

// Writes the schema version and stemmer name into a new or existing index.
// Returns InvalidArgument when the index already carries a different schema or stemmer.
Status StampIndex(Xapian::WritableDatabase& db);

// Checks that an index carries a schema version and stemmer this build understands.
// Returns InvalidArgument with a message saying how to rebuild the index otherwise.
Status CheckIndex(const Xapian::Database& db, std::string_view db_path);

}  // namespace kb::schema
