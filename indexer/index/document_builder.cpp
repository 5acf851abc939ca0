#include "kb/index/document_builder.h"

#include <cctype>
#include <set>

#include <nlohmann/json.hpp>

#include "kb/analysis/document_parts.h"
#include "kb/analysis/text_fold.h"
#include "kb/core/facet_values.h"
#include "kb/core/fnv_hash.h"
#include "kb/core/schema.h"
#include "kb/index/minhash.h"
#include "kb/index/review_flags.h"

namespace kb::index {

namespace {

// Themes and regions are decided on the title and the first part of the text: what a document is
// about shows early, and tagging a 200-page appendix adds time without changing the answer much.
constexpr size_t kTaggingTextLimit = 400'000;
// Long texts touch many themes in passing; a document is filed under the few it is about.
// Measured on ../shared/corpus/docs: at the tagger's default 0.2, documents got 6.2 themes on
// average (up to 20), and "financien-en-bestuur" landed on 203 of 282 documents.
constexpr double kMinThemeScore = 0.4;
constexpr size_t kMaxThemes = 5;

std::string TaggingText(const extract::ExtractedDoc& doc) {
  std::string text = doc.title;
  text += "\n";
  for (const auto& page : doc.pages) {
    if (text.size() >= kTaggingTextLimit) break;
    text += page;
    text += "\n";
  }
  return text;
}

// Through the schema's bound: a 400-character organisation must not make Xapian refuse the
// document (and with it the uncommitted batch).
void AddBooleanTerm(Xapian::Document& doc, std::string_view prefix, const std::string& value) {
  if (value.empty()) return;
  doc.add_boolean_term(schema::BoundedTerm(prefix, value));
}

// "2018-10-22" -> "20181022"; "2018-10" -> "20181000"; "2018" -> "20180000".
std::string SortableDate(const std::string& date) {
  std::string digits;
  for (char c : date) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  if (digits.size() < 4) return {};
  digits.resize(8, '0');
  return digits;
}

}  // namespace

int YearOfDate(const std::string& date) {
  if (date.size() < 4) return 0;
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(date[i]))) return 0;
    year = year * 10 + (date[i] - '0');
  }
  return year;
}

DocumentBuilder::DocumentBuilder(analysis::Analyzer analyzer, const analysis::ThemeTagger& themes,
                                 const analysis::RegionTagger& regions)
    : analyzer_(std::move(analyzer)),
      themes_(themes),
      regions_(regions),
      applier_(themes, regions),
      current_year_(CurrentYear()) {}

StoredDocument DocumentBuilder::MachineDocument(const extract::ExtractedDoc& doc,
                                                const CorpusFile& file,
                                                const std::string& content_hash) {
  StoredDocument s;
  s.id = DocumentIdForPath(file.path);
  s.title = doc.title;
  s.title_source = doc.title_source;
  s.authors = doc.authors;
  s.organisation = doc.organisation;
  s.date = doc.date;
  s.year = YearOfDate(doc.date);
  s.kind = doc.kind.empty() ? "overig" : doc.kind;
  s.evidence = doc.evidence;
  s.language = doc.language;
  s.format = doc.format;
  s.path = file.path.string();
  s.size = file.size;
  s.content_hash = content_hash;
  s.encoding = doc.encoding;
  s.pages = doc.pages;
  s.personal_data_count = doc.personal_data_count;
  s.personal_data_pages = doc.personal_data_pages;
  s.ocr_pages = doc.ocr_pages;

  const std::string tagging_text = TaggingText(doc);
  s.themes = themes_.Tag(tagging_text, kMinThemeScore);
  if (s.themes.size() > kMaxThemes) s.themes.resize(kMaxThemes);
  // A law's territory is in its title ("Verordening jeugdhulp gemeente Groningen"); its text
  // names places as examples, addresses and where it was signed.
  analysis::RegionResult regions = regions_.TagDocument(
      doc.title, s.kind == "wet" ? std::string_view() : std::string_view(tagging_text));
  s.gemeenten = std::move(regions.gemeenten);
  s.provincies = std::move(regions.provincies);
  return s;
}

BuiltDocument DocumentBuilder::Build(const extract::ExtractedDoc& doc, const CorpusFile& file,
                                     const std::string& content_hash,
                                     const editorial::DocumentEdits* edits) {
  const std::string id = DocumentIdForPath(file.path);
  return Build(
      doc, file, content_hash, [&](const std::string& of) { return of == id ? edits : nullptr; },
      std::filesystem::path());
}

BuiltDocument DocumentBuilder::Build(const extract::ExtractedDoc& doc, const CorpusFile& file,
                                     const std::string& content_hash, const EditsOf& edits_of,
                                     const std::filesystem::path& attachments_root) {
  BuiltDocument out;
  out.stored = MachineDocument(doc, file, content_hash);
  Edit(out.stored, edits_of(out.stored.id));
  int n = 0;
  for (const extract::ExtractedAttachment& attachment : doc.attachments) {
    CorpusFile copy;
    copy.path = attachments_root / out.stored.id / std::to_string(++n) /
                extract::AttachmentFileName(attachment.name);
    copy.size = attachment.bytes.size();
    copy.mtime_ns = file.mtime_ns;
    Fnv1a64 bytes_hash;
    bytes_hash.Update(attachment.bytes);
    BuiltDocument member;
    member.stored = MachineDocument(attachment.doc, copy, bytes_hash.HexDigest());
    if (member.stored.date.empty()) {  // undated, an attachment is as old as its message
      member.stored.date = doc.date;
      member.stored.year = YearOfDate(doc.date);
    }
    member.stored.attachment_of = {out.stored.id, out.stored.title, out.stored.format};
    member.stored.container_path = out.stored.path;
    Edit(member.stored, edits_of(member.stored.id));
    member.copy_bytes = attachment.bytes;
    Index(member, copy);
    out.stored.attachments.push_back({member.stored.id, member.stored.title, member.stored.format});
    out.attachments.push_back(std::move(member));
  }
  Index(out, file);
  return out;
}

void DocumentBuilder::Edit(StoredDocument& s, const editorial::DocumentEdits* edits) const {
  static const editorial::DocumentEdits kNoEdits;
  if (edits) applier_.Apply(*edits, s);
  s.review = ReviewFlags(s, (edits ? *edits : kNoEdits).override, current_year_);
}

void DocumentBuilder::Index(BuiltDocument& out, const CorpusFile& file) {
  const StoredDocument& s = out.stored;
  Xapian::Document& d = out.document;
  out.id_term = std::string(schema::kPrefixId) + s.id;
  d.add_boolean_term(out.id_term);
  if (!s.attachment_of.id.empty()) {
    d.add_boolean_term(std::string(schema::kPrefixContainer) + s.attachment_of.id);
  }
  AddTerms(s, d);

  const std::string sortable_date = SortableDate(s.date);
  if (!sortable_date.empty()) d.add_value(schema::kSlotDate, sortable_date);
  if (s.year > 0) d.add_value(schema::kSlotYear, Xapian::sortable_serialise(s.year));
  d.add_value(schema::kSlotSignature, file.Signature());
  d.add_value(schema::kSlotPath, s.path);
  d.add_value(schema::kSlotContentHash, s.content_hash);
  d.add_value(schema::kSlotPageCount,
              Xapian::sortable_serialise(static_cast<double>(s.pages.size())));
  d.add_value(schema::kSlotKind, s.kind);
  SetFacetValues(d, s.organisation);
  if (auto signature = MinHash::Of(s.pages, analyzer_)) {
    d.add_value(schema::kSlotMinHash, MinHash::Serialise(*signature));
    for (const auto& term : MinHash::BandTerms(*signature)) d.add_boolean_term(term);
  }
  std::string data = s.ToJson();
  Fnv1a64 data_hash;
  data_hash.Update(data);
  d.add_value(schema::kSlotDataHash, data_hash.HexDigest());
  d.set_data(std::move(data));
  out.passages = Passages(s);
}

std::vector<Xapian::Document> DocumentBuilder::Passages(const StoredDocument& s) {
  std::vector<Xapian::Document> out;
  const std::string parent = std::string(schema::kPrefixParent) + s.id;
  for (analysis::Passage& passage : analysis::SplitPassages(s.pages)) {
    Xapian::Document d;
    d.add_boolean_term(parent);
    Xapian::termpos pos = 0;
    // Without positions: a passage search matches words, never phrases (Searcher::Passages).
    constexpr auto kNoPositions = analysis::Analyzer::Positions::kDrop;
    analyzer_.IndexText(passage.text, d, pos, {}, 1, s.language, kNoPositions);
    analyzer_.IndexText(passage.section, d, pos, {}, 1, s.language, kNoPositions);
    d.add_value(schema::kPassageSlotDocument, s.id);
    d.add_value(schema::kPassageSlotPage, std::to_string(passage.page));
    d.add_value(schema::kPassageSlotRole, std::string(analysis::SectionRoleName(passage.role)));
    nlohmann::json data = {{"doc", s.id},
                           {"page", passage.page},
                           {"section", std::move(passage.section)},
                           {"role", analysis::SectionRoleName(passage.role)},
                           {"text", std::move(passage.text)}};
    d.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    out.push_back(std::move(d));
  }
  return out;
}

void DocumentBuilder::AddTerms(const StoredDocument& s, Xapian::Document& d) {
  // Title: prefixed for field search, and in the body stream (wdf 3) so a plain query ranks
  // documents about the words above documents that only mention them. Title and text in the
  // document's language (an English report is not stemmed or split as Dutch); names as Dutch.
  Xapian::termpos pos = 0;
  analyzer_.IndexText(s.title, d, pos, schema::kPrefixTitle, 1, s.language);
  pos = 0;
  analyzer_.IndexText(s.title, d, pos, {}, 3, s.language);
  for (const auto& author : s.authors) {
    Xapian::termpos author_pos = 0;
    analyzer_.IndexText(author, d, author_pos, schema::kPrefixAuthor);
  }
  for (const auto& page : s.pages) {
    pos += schema::kPageGap;
    analyzer_.IndexText(page, d, pos, {}, 1, s.language);
  }

  for (const auto& theme : s.themes) AddBooleanTerm(d, schema::kPrefixTheme, theme.slug);
  std::set<std::string> provincie_slugs;
  for (const auto& g : s.gemeenten) AddBooleanTerm(d, schema::kPrefixGemeente, g.code);
  for (const auto& p : s.provincies) provincie_slugs.insert(analysis::Slug(p));
  for (const auto& p : provincie_slugs) AddBooleanTerm(d, schema::kPrefixProvincie, p);
  AddBooleanTerm(d, schema::kPrefixKind, s.kind);
  AddBooleanTerm(d, schema::kPrefixEvidence, s.evidence);
  if (s.year > 0) AddBooleanTerm(d, schema::kPrefixYear, std::to_string(s.year));
  AddBooleanTerm(d, schema::kPrefixLanguage, s.language);
  AddBooleanTerm(d, schema::kPrefixFormat, s.format);
  AddBooleanTerm(d, schema::kPrefixOrganisation, analysis::Slug(s.organisation));

  if (s.edited) d.add_boolean_term(std::string(schema::kEditorialEdited));
  if (s.hidden) d.add_boolean_term(std::string(schema::kEditorialHidden));
  if (!s.merged_into.empty()) d.add_boolean_term(std::string(schema::kEditorialMerged));
  for (const auto& flag : s.review) AddBooleanTerm(d, schema::kPrefixReview, flag);
}

}  // namespace kb::index
