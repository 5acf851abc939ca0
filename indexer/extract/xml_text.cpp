// libxml2 parsing and tree helpers, and PageText. libxml2 is only touched here and in the
// extractors that walk its trees.
#include "xml_text.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <algorithm>
#include <array>
#include <climits>
#include <mutex>

#include "text_scan.h"

namespace kb::extract {
namespace {

void IgnoreXmlError(void* /*context*/, xmlErrorPtr /*error*/) {}

// libxml2 prints every recoverable error of a sloppy web page on stderr; the extractors report
// what matters through their results.
void SilenceLibxml() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetStructuredErrorFunc(nullptr, IgnoreXmlError);
  });
}

std::string_view Chars(const xmlChar* text) {
  return text == nullptr ? std::string_view()
                         : std::string_view(reinterpret_cast<const char*>(text));
}

void CollectText(const xmlNode* node, std::string& out) {
  for (; node != nullptr; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      out.append(Chars(node->content));
    } else if (node->type == XML_ELEMENT_NODE) {
      out.push_back(' ');
      CollectText(node->children, out);
      out.push_back(' ');
    }
  }
}

void Collect(const xmlNode* node, std::string_view local_name, bool first_only,
             std::vector<const xmlNode*>& found) {
  for (; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (LocalName(node) == local_name) {
      found.push_back(node);
      if (first_only) return;
    }
    Collect(node->children, local_name, first_only, found);
    if (first_only && !found.empty()) return;
  }
}

int ClampedSize(std::string_view bytes) {
  return bytes.size() > static_cast<std::size_t>(INT_MAX) ? INT_MAX
                                                          : static_cast<int>(bytes.size());
}

}  // namespace

Result<XmlDocument> ParseXml(std::string_view bytes, std::string_view part) {
  SilenceLibxml();
  XmlDocument doc(xmlReadMemory(bytes.data(), ClampedSize(bytes), nullptr, nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_NOCDATA | XML_PARSE_COMPACT));
  if (!doc || xmlDocGetRootElement(doc.get()) == nullptr) {
    return Status::InvalidArgument("part '" + std::string(part) + "' is not well-formed XML");
  }
  return doc;
}

XmlDocument ParseHtml(std::string_view bytes, const char* encoding) {
  SilenceLibxml();
  return XmlDocument(htmlReadMemory(bytes.data(), ClampedSize(bytes), nullptr, encoding,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT));
}

std::string_view LocalName(const xmlNode* node) {
  return node == nullptr ? std::string_view() : Chars(node->name);
}

bool IsElement(const xmlNode* node, std::string_view local_name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && LocalName(node) == local_name;
}

std::string Attribute(const xmlNode* node, std::string_view local_name) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return {};
  for (const xmlAttr* attribute = node->properties; attribute != nullptr;
       attribute = attribute->next) {
    if (Chars(attribute->name) != local_name) continue;
    std::string value;
    for (const xmlNode* child = attribute->children; child != nullptr; child = child->next) {
      value.append(Chars(child->content));
    }
    return value;
  }
  return {};
}

std::string TextOf(const xmlNode* node) {
  if (node == nullptr) return {};
  std::string out;
  CollectText(node->children, out);
  return scan::CollapseWhitespace(out);
}

const xmlNode* FindElement(const xmlNode* node, std::string_view local_name) {
  if (node == nullptr) return nullptr;
  if (node->type == XML_ELEMENT_NODE && LocalName(node) == local_name) return node;
  std::vector<const xmlNode*> found;
  Collect(node->children, local_name, true, found);
  return found.empty() ? nullptr : found.front();
}

std::vector<const xmlNode*> FindElements(const xmlNode* node, std::string_view local_name) {
  std::vector<const xmlNode*> found;
  if (node != nullptr) Collect(node->children, local_name, false, found);
  return found;
}

void PageText::Append(std::string_view text) { paragraph_.append(text); }

void PageText::Space() {
  if (!paragraph_.empty() && !scan::IsAsciiSpace(paragraph_.back())) paragraph_.push_back(' ');
}

void PageText::EndParagraph() {
  std::string text = scan::CollapseWhitespace(paragraph_);
  paragraph_.clear();
  if (text.empty()) return;
  std::string& page = pages_.back();
  if (!page.empty()) page.append("\n\n");
  page.append(text);
}

void PageText::Heading(std::string_view text) {
  EndParagraph();
  if (first_heading_.empty()) first_heading_ = scan::CollapseWhitespace(text);
  Append(text);
  EndParagraph();
}

void PageText::Block(std::string_view text, bool heading) {
  if (heading) {
    Heading(text);
  } else {
    EndParagraph();
    Append(text);
    EndParagraph();
  }
}

void PageText::PageBreak() {
  EndParagraph();
  pages_.emplace_back();
}

std::vector<std::string> PageText::Finish() {
  EndParagraph();
  while (pages_.size() > 1 && pages_.back().empty()) pages_.pop_back();
  return std::move(pages_);
}

namespace {

// Elements whose content is not readable text.
constexpr std::array<std::string_view, 14> kSkippedHtml = {
    "script", "style",  "noscript", "template", "svg",      "iframe", "object",
    "form",   "button", "select",   "input",    "textarea", "head",   "canvas"};
// Elements that start and end a paragraph.
constexpr std::array<std::string_view, 25> kBlockHtml = {
    "p",      "div",        "section", "article", "main",       "aside",   "header",
    "footer", "nav",        "ul",      "ol",      "li",         "dl",      "dt",
    "dd",     "blockquote", "pre",     "figure",  "figcaption", "address", "hr",
    "table",  "body",       "details", "summary"};

bool IsOneOf(std::string_view name, const auto& names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool IsHtmlHeading(std::string_view name) {
  return name.size() == 2 && (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6';
}

void HtmlInline(const xmlNode* node, std::string& out) {
  for (; node != nullptr; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      out.append(Chars(node->content));
    } else if (node->type == XML_ELEMENT_NODE) {
      const std::string_view name = LocalName(node);
      if (IsOneOf(name, kSkippedHtml)) continue;
      if (name == "br" || name == "td" || name == "th" || name == "li" || name == "p" ||
          name == "div") {
        out.push_back(' ');
      }
      HtmlInline(node->children, out);
      if (name == "td" || name == "th") out.append(" | ");
    }
  }
}

void HtmlBlocks(const xmlNode* node, PageText& out) {
  for (; node != nullptr; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      out.Append(Chars(node->content));
      continue;
    }
    if (node->type != XML_ELEMENT_NODE) continue;
    const std::string_view name = LocalName(node);
    if (IsOneOf(name, kSkippedHtml)) continue;
    if (IsHtmlHeading(name)) {
      std::string text;
      HtmlInline(node->children, text);
      out.Heading(text);
    } else if (name == "tr") {
      out.EndParagraph();
      std::string row;
      HtmlInline(node->children, row);
      std::string text = scan::CollapseWhitespace(row);
      while (text.ends_with('|')) text = scan::CollapseWhitespace(text.substr(0, text.size() - 1));
      out.Append(text);
      out.EndParagraph();
    } else if (name == "br" || name == "td" || name == "th") {
      out.Space();
      HtmlBlocks(node->children, out);
    } else if (IsOneOf(name, kBlockHtml)) {
      out.EndParagraph();
      HtmlBlocks(node->children, out);
      out.EndParagraph();
    } else {
      HtmlBlocks(node->children, out);
    }
  }
}

}  // namespace

void AppendHtmlBlocks(const xmlNode* element, PageText& out) {
  if (element != nullptr) HtmlBlocks(element->children, out);
  out.EndParagraph();
}

}  // namespace kb::extract
