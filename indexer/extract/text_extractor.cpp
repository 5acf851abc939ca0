// Plain text and Markdown: charset detection, then (for Markdown) markup removal with the front
// matter's title, date and author kept as declared metadata.
#include <string>
#include <string_view>

#include "format_extractors.h"
#include "kb/analysis/charset.h"
#include "markdown_text.h"
#include "text_scan.h"

namespace kb::extract {
namespace {

// The first non-empty front matter value among `keys`.
std::string FirstValue(const MarkdownText& markdown, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    const auto it = markdown.front_matter.find(key);
    if (it != markdown.front_matter.end() && !it->second.empty()) return it->second;
  }
  return {};
}

}  // namespace

Result<RawExtraction> ExtractText(const std::filesystem::path& path, std::string_view bytes,
                                  bool markdown) {
  auto decoded = analysis::DecodeToUtf8(bytes);
  if (!decoded.ok()) {
    return Status::InvalidArgument("cannot read text file '" + path.string() +
                                   "': " + decoded.status().message());
  }
  RawExtraction raw;
  raw.doc.encoding = decoded->charset;
  if (!markdown) {
    raw.doc.format = "text";
    raw.doc.pages.push_back(std::move(decoded->utf8));
    return raw;
  }
  MarkdownText text = MarkdownToText(decoded->utf8);
  raw.doc.format = "markdown";
  // Static site generators keep the page title under their own keys.
  raw.declared.title = FirstValue(text, {"title", "hero-heading", "title_tag", "headline"});
  raw.declared.heading = text.first_heading;
  raw.declared.date = FirstValue(text, {"date", "published", "publicatiedatum", "datum"});
  raw.declared.authors = SplitAuthors(FirstValue(text, {"author", "authors", "auteur", "auteurs"}));
  raw.declared.organisation = FirstValue(
      text, {"organisation", "organisatie", "organization", "publisher", "uitgever", "bron"});
  raw.declared.section =
      FirstValue(text, {"categories", "category", "section", "rubriek", "genre"});
  if (raw.declared.organisation.empty()) {
    raw.declared.organisation = PublisherOfUrl(
        FirstValue(text, {"externe_link", "source_url", "canonical_url", "link", "url"}));
  }
  raw.doc.pages.push_back(std::move(text.text));
  return raw;
}

}  // namespace kb::extract
