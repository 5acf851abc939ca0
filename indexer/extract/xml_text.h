// Parsing XML and HTML with libxml2, and assembling the paragraphs, headings and page breaks a
// structured format yields into ExtractedDoc pages (internal header of the office, e-book and
// web page extractors).
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kb/core/status.h"

namespace kb::extract {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocument = std::unique_ptr<xmlDoc, XmlDocFree>;

// An XML part of a package. Never loads external entities or DTDs, never expands entities into
// the tree; InvalidArgument naming `part` when it is not well-formed.
Result<XmlDocument> ParseXml(std::string_view bytes, std::string_view part);

// An HTML page, as browsers recover it from any markup. `encoding` is the charset to assume
// when the page declares none (nullptr: libxml2's detection). Never null for non-empty input.
XmlDocument ParseHtml(std::string_view bytes, const char* encoding);

// The element's name without its namespace prefix ("p" for <w:p>).
std::string_view LocalName(const xmlNode* node);
bool IsElement(const xmlNode* node, std::string_view local_name);
// The value of the attribute with this local name in any namespace; "" when absent.
std::string Attribute(const xmlNode* node, std::string_view local_name);
// All text below `node`, white space collapsed.
std::string TextOf(const xmlNode* node);
// The first element named `local_name` at or below `node` (document order), or nullptr.
const xmlNode* FindElement(const xmlNode* node, std::string_view local_name);
// Every element named `local_name` below `node`, in document order.
std::vector<const xmlNode*> FindElements(const xmlNode* node, std::string_view local_name);

// Pages built from blocks: text accumulates into the current paragraph, which Paragraph()
// closes; headings stand alone between blank lines (how document_parts recognises them).
class PageText {
 public:
  void Append(std::string_view text);  // to the current paragraph
  void Space();                        // a word boundary (a tab, a table cell)
  void EndParagraph();
  void Heading(std::string_view text);  // closes the paragraph and adds a heading line
  // One whole block: a heading, or a paragraph of `text`.
  void Block(std::string_view text, bool heading);
  const std::string& first_heading() const { return first_heading_; }
  std::size_t page_count() const { return pages_.size(); }
  void PageBreak();  // closes the paragraph and starts a new page
  // The pages with their trailing white space trimmed; empty pages in the middle are kept (their
  // numbers are what citations point at), empty ones at the end dropped; at least one page.
  std::vector<std::string> Finish();

 private:
  std::string paragraph_;
  std::string first_heading_;
  std::vector<std::string> pages_{std::string()};
};

// The text inside an HTML (or XHTML) element as paragraphs and headings: block elements end a
// paragraph, h1-h6 become headings, a table row is one paragraph with its cells separated,
// inline elements join their text without a space; scripts, styles, forms and other elements
// without readable text are skipped.
void AppendHtmlBlocks(const xmlNode* node, PageText& out);

}  // namespace kb::extract
