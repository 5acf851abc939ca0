// Saved web pages: the article's main content, not the site around it.
//
// The rules, in order (measured on ../shared/corpus/formats/html, BENCHMARKS.md §9):
// 1. Charset: the page's own declaration (<meta charset>, http-equiv); a page that declares none
//    is decoded by kb::analysis::DecodeToUtf8 as a text file would be.
// 2. The content root: the largest <article>, else <main> or role="main", else an element with
//    id "content", "main-content" or "main", else the element whose direct paragraphs hold the
//    most text (each <p>'s letters count for its parent), else <body>.
// 3. Inside the root, what is never content is dropped: scripts, styles, forms; <nav>, <aside>,
//    and <header>/<footer> that hold no <h1>; elements with an ARIA role of navigation, banner,
//    contentinfo, search or dialog, or hidden; elements whose class or id names site furniture
//    (cookie, consent, breadcrumb, menu, nav, sidebar, footer, share, social, skip, search,
//    newsletter, modal, popup); and lists or blocks whose text is mostly link text (more than
//    60% of letters, e.g. "related articles").
// 4. Title: og:title, else <title> cut at its site-name suffix (" | Site", " - Site"), else the
//    first <h1>. Date: article:published_time, a date <meta>, else the first <time datetime>.
//    Authors from <meta name="author">; organisation from og:site_name or the page's host.
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "format_extractors.h"
#include "kb/analysis/charset.h"
#include "text_scan.h"
#include "xml_text.h"

namespace kb::extract {
namespace {

// Class and id words of site furniture (compared with the pieces of a class or id split at
// '-', '_' and spaces, lower case).
constexpr std::array<std::string_view, 17> kFurnitureWords = {
    "cookie", "cookies", "consent",    "breadcrumb", "breadcrumbs", "menu",
    "nav",    "navbar",  "navigation", "sidebar",    "footer",      "share",
    "social", "skip",    "newsletter", "modal",      "popup"};
constexpr std::array<std::string_view, 6> kFurnitureRoles = {
    "navigation", "banner", "contentinfo", "search", "dialog", "complementary"};
constexpr double kMaxLinkShare = 0.6;

std::vector<std::string> Pieces(std::string_view text) {
  std::vector<std::string> pieces;
  std::string piece;
  for (const char c : text) {
    if (c == '-' || c == '_' || scan::IsAsciiSpace(c)) {
      if (!piece.empty()) pieces.push_back(std::move(piece));
      piece.clear();
    } else {
      piece.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  if (!piece.empty()) pieces.push_back(std::move(piece));
  return pieces;
}

bool NamesFurniture(const xmlNode* node) {
  for (const char* attribute : {"class", "id"}) {
    for (const std::string& piece : Pieces(Attribute(node, attribute))) {
      if (std::find(kFurnitureWords.begin(), kFurnitureWords.end(), piece) !=
          kFurnitureWords.end()) {
        return true;
      }
    }
  }
  return false;
}

std::size_t Letters(const xmlNode* node) { return scan::CountLetters(TextOf(node)); }

std::size_t LinkLetters(const xmlNode* node) {
  std::size_t letters = 0;
  for (const xmlNode* link : FindElements(node, "a")) letters += Letters(link);
  return letters;
}

bool IsFurniture(const xmlNode* node) {
  const std::string_view name = LocalName(node);
  const bool holds_title = FindElement(node, "h1") != nullptr;
  if (name == "nav" || name == "aside") return true;
  if ((name == "header" || name == "footer") && !holds_title) return true;
  const std::string role = scan::ToLowerAscii(Attribute(node, "role"));
  if (std::find(kFurnitureRoles.begin(), kFurnitureRoles.end(), role) != kFurnitureRoles.end()) {
    return true;
  }
  if (xmlHasProp(node, reinterpret_cast<const xmlChar*>("hidden")) != nullptr ||
      Attribute(node, "aria-hidden") == "true") {
    return true;
  }
  if (!holds_title && NamesFurniture(node)) return true;
  if (name == "ul" || name == "ol" || name == "div" || name == "section" || name == "table") {
    const std::size_t letters = Letters(node);
    return letters > 0 && static_cast<double>(LinkLetters(node)) > kMaxLinkShare * letters;
  }
  return false;
}

void DropFurniture(xmlNode* node) {
  for (xmlNode* child = node->children; child != nullptr;) {
    xmlNode* next = child->next;
    if (child->type == XML_ELEMENT_NODE) {
      if (IsFurniture(child)) {
        xmlUnlinkNode(child);
        xmlFreeNode(child);
      } else {
        DropFurniture(child);
      }
    }
    child = next;
  }
}

const xmlNode* Largest(const std::vector<const xmlNode*>& nodes) {
  const xmlNode* best = nullptr;
  std::size_t best_letters = 0;
  for (const xmlNode* node : nodes) {
    const std::size_t letters = Letters(node);
    if (best == nullptr || letters > best_letters) {
      best = node;
      best_letters = letters;
    }
  }
  return best;
}

const xmlNode* ElementWithId(const xmlNode* root, std::string_view id) {
  if (root == nullptr) return nullptr;
  for (const xmlNode* node = root->children; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (Attribute(node, "id") == id) return node;
    if (const xmlNode* found = ElementWithId(node, id)) return found;
  }
  return nullptr;
}

// The element whose direct <p> children hold the most letters.
const xmlNode* RichestParagraphParent(const xmlNode* body) {
  std::unordered_map<const xmlNode*, std::size_t> letters;
  const xmlNode* best = nullptr;
  for (const xmlNode* paragraph : FindElements(body, "p")) {
    std::size_t& sum = letters[paragraph->parent];
    sum += Letters(paragraph);
    if (best == nullptr || sum > letters[best]) best = paragraph->parent;
  }
  return best;
}

const xmlNode* ContentRoot(const xmlNode* body) {
  if (const xmlNode* article = Largest(FindElements(body, "article"));
      article != nullptr && Letters(article) > 0) {
    return article;
  }
  if (const xmlNode* main = FindElement(body, "main")) return main;
  for (const xmlNode* node : FindElements(body, "div")) {
    if (Attribute(node, "role") == "main") return node;
  }
  for (const std::string_view id : {"content", "main-content", "main"}) {
    if (const xmlNode* node = ElementWithId(body, id)) return node;
  }
  if (const xmlNode* parent = RichestParagraphParent(body)) return parent;
  return body;
}

// The content attribute of the first <meta> whose name or property is one of `keys`.
std::string MetaContent(const xmlNode* head, std::initializer_list<std::string_view> keys) {
  for (const std::string_view key : keys) {
    for (const xmlNode* meta : FindElements(head, "meta")) {
      const std::string name = scan::ToLowerAscii(Attribute(meta, "name"));
      const std::string property = scan::ToLowerAscii(Attribute(meta, "property"));
      if (name == key || property == key) {
        std::string content = scan::CollapseWhitespace(Attribute(meta, "content"));
        if (!content.empty()) return content;
      }
    }
  }
  return {};
}

// "Ontwikkeling COVID-19 in grafieken | RIVM" -> "Ontwikkeling COVID-19 in grafieken": the part
// before the last separator, when the part after it is short (a site name).
std::string WithoutSiteSuffix(const std::string& title) {
  for (const std::string_view separator : {" | ", " - ", " – ", " — ", " :: "}) {
    const std::size_t at = title.rfind(separator);
    if (at == std::string::npos || at == 0) continue;
    const std::string_view suffix = std::string_view(title).substr(at + separator.size());
    if (std::count(suffix.begin(), suffix.end(), ' ') <= 4) return title.substr(0, at);
  }
  return title;
}

bool DeclaresCharset(std::string_view bytes) {
  const std::string head = scan::ToLowerAscii(bytes.substr(0, 4096));
  return head.find("charset") != std::string::npos || head.starts_with("\xef\xbb\xbf");
}

}  // namespace

Result<RawExtraction> ExtractHtml(const std::filesystem::path& path, std::string_view bytes) {
  RawExtraction raw;
  raw.doc.format = "html";
  std::string decoded;
  const char* encoding = nullptr;
  if (!DeclaresCharset(bytes)) {
    auto text = analysis::DecodeToUtf8(bytes);
    if (!text.ok()) {
      return Status::InvalidArgument("cannot read web page '" + path.string() +
                                     "': " + text.status().message());
    }
    decoded = std::move(text->utf8);
    raw.doc.encoding = text->charset;
    bytes = decoded;
    encoding = "UTF-8";
  }
  const XmlDocument page = ParseHtml(bytes, encoding);
  const xmlNode* root = page ? xmlDocGetRootElement(page.get()) : nullptr;
  const xmlNode* body = FindElement(root, "body");
  if (body == nullptr) {
    return Status::InvalidArgument("web page '" + path.string() +
                                   "' has no body; check that it is a complete HTML page");
  }
  if (raw.doc.encoding.empty() && page->encoding != nullptr) {
    raw.doc.encoding = scan::ToLowerAscii(reinterpret_cast<const char*>(page->encoding));
  }
  const xmlNode* head = FindElement(root, "head");

  // Metadata first: dropping furniture may remove the <h1> or <time>.
  const xmlNode* first_h1 = FindElement(body, "h1");
  raw.declared.title = MetaContent(head, {"og:title", "dc.title", "dcterms.title"});
  if (raw.declared.title.empty())
    raw.declared.title = WithoutSiteSuffix(TextOf(FindElement(head, "title")));
  raw.declared.heading = TextOf(first_h1);
  // "Achtergrond DDAS - Data Delen Armoede en Schulden (DDAS)": the page's own heading, when the
  // title starts with it and goes on with the site's name.
  if (!raw.declared.heading.empty() && raw.declared.title.size() > raw.declared.heading.size() &&
      raw.declared.title.starts_with(raw.declared.heading)) {
    const std::string_view rest =
        std::string_view(raw.declared.title).substr(raw.declared.heading.size());
    if (rest.starts_with(" - ") || rest.starts_with(" | ") || rest.starts_with(" – ")) {
      raw.declared.title = raw.declared.heading;
    }
  }
  raw.declared.date = MetaContent(head, {"article:published_time", "dcterms.created", "dc.date",
                                         "dcterms.issued", "date", "publication_date"});
  if (raw.declared.date.empty()) {
    raw.declared.date = Attribute(FindElement(body, "time"), "datetime");
  }
  raw.declared.fallback_date = MetaContent(head, {"article:modified_time", "dcterms.modified"});
  const std::string author = MetaContent(head, {"author", "article:author", "dc.creator"});
  if (!author.starts_with("http")) raw.declared.authors = SplitAuthors(author);
  raw.declared.organisation =
      MetaContent(head, {"og:site_name", "dc.publisher", "dcterms.publisher"});
  if (raw.declared.organisation.empty()) {
    std::string url = MetaContent(head, {"og:url"});
    for (const xmlNode* link : FindElements(head, "link")) {
      if (url.empty() && Attribute(link, "rel") == "canonical") url = Attribute(link, "href");
    }
    raw.declared.organisation = PublisherOfUrl(url);
  }
  raw.declared.section = MetaContent(head, {"article:section"});

  xmlNode* content = const_cast<xmlNode*>(ContentRoot(body));
  DropFurniture(content);
  PageText text;
  AppendHtmlBlocks(content, text);
  raw.doc.pages = text.Finish();
  return raw;
}

}  // namespace kb::extract
