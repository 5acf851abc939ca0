// ZIP packages: Word (DOCX), PowerPoint (PPTX), OpenDocument (ODT, ODP) and EPUB. The package
// says what it is (OOXML's main parts, ODF's and EPUB's `mimetype` entry); the extension is not
// consulted. Pages are the unit citations point at: Word's rendered page breaks (or its explicit
// ones), ODF's soft page breaks, one page per slide, one per chapter of an e-book.
#include <libxml/tree.h>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "format_extractors.h"
#include "text_scan.h"
#include "xml_text.h"
#include "zip_archive.h"

namespace kb::extract {
namespace {

// No part of a real document inflates beyond this (the largest document.xml of the format corpus
// is 3 MiB); a bomb stops here.
constexpr std::size_t kMaxPartBytes = std::size_t{64} << 20;

std::string Describe(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

// A part that must be present, parsed.
Result<XmlDocument> ReadXmlPart(const ZipArchive& zip, std::string_view part,
                                const std::filesystem::path& path, std::string_view what) {
  auto bytes = zip.Read(part, kMaxPartBytes);
  if (!bytes.ok()) {
    return Status::InvalidArgument(std::string(what) + " " + Describe(path) + ": " +
                                   bytes.status().message());
  }
  if (!bytes->has_value()) {
    return Status::InvalidArgument(std::string(what) + " " + Describe(path) + " has no part '" +
                                   std::string(part) + "'; the file is damaged");
  }
  auto doc = ParseXml(**bytes, part);
  if (!doc.ok()) {
    return Status::InvalidArgument(std::string(what) + " " + Describe(path) + ": " +
                                   doc.status().message() + "; the file is damaged");
  }
  return doc;
}

// An optional part (document properties): null when absent or unreadable.
XmlDocument ReadOptionalXml(const ZipArchive& zip, std::string_view part) {
  auto bytes = zip.Read(part, kMaxPartBytes);
  if (!bytes.ok() || !bytes->has_value()) return nullptr;
  auto doc = ParseXml(**bytes, part);
  return doc.ok() ? std::move(*doc) : nullptr;
}

const xmlNode* Root(const XmlDocument& doc) {
  return doc ? xmlDocGetRootElement(doc.get()) : nullptr;
}

std::string ElementText(const xmlNode* root, std::string_view local_name) {
  return TextOf(FindElement(root, local_name));
}

// The Dublin Core properties OOXML (docProps/core.xml) and ODF (meta.xml) share.
void ReadCoreProperties(const xmlNode* root, DeclaredMetadata& declared) {
  if (root == nullptr) return;
  declared.title = ElementText(root, "title");
  declared.info_author = ElementText(root, "creator");
  if (declared.info_author.empty()) declared.info_author = ElementText(root, "initial-creator");
  declared.date = ElementText(root, "created");
  if (declared.date.empty()) declared.date = ElementText(root, "creation-date");
  declared.fallback_date = ElementText(root, "modified");
  if (declared.fallback_date.empty()) declared.fallback_date = ElementText(root, "date");
}

std::string ReadOoxmlCompany(const ZipArchive& zip) {
  return ElementText(Root(ReadOptionalXml(zip, "docProps/app.xml")), "Company");
}

// --- Word ---

class DocxWalker {
 public:
  DocxWalker(PageText& out, const std::map<std::string, bool>& heading_styles, bool rendered_breaks)
      : out_(out), heading_styles_(heading_styles), rendered_breaks_(rendered_breaks) {}

  void Blocks(const xmlNode* node) {
    for (; node != nullptr; node = node->next) {
      if (node->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = LocalName(node);
      if (name == "p") {
        Paragraph(node);
      } else if (name == "tbl") {
        Table(node);
      } else if (name != "sectPr") {
        Blocks(node->children);
      }
    }
  }

 private:
  void Paragraph(const xmlNode* paragraph) {
    std::string text;
    breaks_before_ = breaks_after_ = 0;
    Runs(paragraph->children, text);
    for (; breaks_before_ > 0; --breaks_before_) out_.PageBreak();
    out_.Block(text, IsHeading(paragraph));
    for (; breaks_after_ > 0; --breaks_after_) out_.PageBreak();
  }

  void Table(const xmlNode* table) {
    for (const xmlNode* row : FindElements(table, "tr")) {
      std::string line;
      breaks_before_ = breaks_after_ = 0;
      for (const xmlNode* cell = row->children; cell != nullptr; cell = cell->next) {
        if (!IsElement(cell, "tc")) continue;
        std::string text;
        Runs(cell->children, text);
        text = scan::CollapseWhitespace(text);
        if (text.empty()) continue;
        if (!line.empty()) line.append(" | ");
        line.append(text);
      }
      for (; breaks_before_ > 0; --breaks_before_) out_.PageBreak();
      out_.Append(line);
      out_.EndParagraph();
      for (; breaks_after_ > 0; --breaks_after_) out_.PageBreak();
    }
  }

  // The inline content of a paragraph (or a table cell, or a text box inside a run).
  void Runs(const xmlNode* node, std::string& text) {
    for (; node != nullptr; node = node->next) {
      if (node->type == XML_TEXT_NODE) continue;  // white space between elements
      if (node->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = LocalName(node);
      if (name == "t") {
        for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
          if (child->content != nullptr) text.append(reinterpret_cast<const char*>(child->content));
        }
      } else if (name == "tab" || name == "cr" || name == "noBreakHyphen") {
        text.push_back(name == "noBreakHyphen" ? '-' : ' ');
      } else if (name == "br") {
        if (!rendered_breaks_ && Attribute(node, "type") == "page") {
          Break(text);
        } else {
          text.push_back(' ');
        }
      } else if (name == "lastRenderedPageBreak") {
        if (rendered_breaks_) Break(text);
      } else if (name == "p") {
        Runs(node->children, text);  // a paragraph of a text box or a cell
        text.push_back(' ');
      } else if (name == "instrText" || name == "delText" || name == "del" || name == "pPr" ||
                 name == "rPr" || name == "fldData" || name == "moveFrom") {
        continue;  // field codes, deleted text and formatting
      } else {
        Runs(node->children, text);
      }
    }
  }

  // A page starts here: before the paragraph when nothing of it was read yet.
  void Break(const std::string& text) {
    if (scan::CountLetters(text) == 0) {
      ++breaks_before_;
    } else {
      ++breaks_after_;
    }
  }

  bool IsHeading(const xmlNode* paragraph) const {
    const xmlNode* properties = paragraph->children;
    while (properties != nullptr && !IsElement(properties, "pPr")) properties = properties->next;
    if (properties == nullptr) return false;
    for (const xmlNode* child = properties->children; child != nullptr; child = child->next) {
      if (IsElement(child, "outlineLvl")) return Attribute(child, "val") != "9";
      if (IsElement(child, "pStyle")) {
        const auto it = heading_styles_.find(Attribute(child, "val"));
        if (it != heading_styles_.end()) return it->second;
      }
    }
    return false;
  }

  PageText& out_;
  const std::map<std::string, bool>& heading_styles_;
  bool rendered_breaks_;
  int breaks_before_ = 0;
  int breaks_after_ = 0;
};

// Style id -> whether paragraphs of that style are headings: an outline level, or a name such
// as "heading 1", "Kop 2", "Title", "Titel" (Word stores the English name of built-in styles).
std::map<std::string, bool> ReadHeadingStyles(const ZipArchive& zip) {
  std::map<std::string, bool> styles;
  const XmlDocument doc = ReadOptionalXml(zip, "word/styles.xml");
  for (const xmlNode* style : FindElements(Root(doc), "style")) {
    if (Attribute(style, "type") != "paragraph") continue;
    const std::string name = scan::ToLowerAscii(Attribute(FindElement(style, "name"), "val"));
    const xmlNode* level = FindElement(style, "outlineLvl");
    const bool heading = (level != nullptr && Attribute(level, "val") != "9") ||
                         name.starts_with("heading") || name.starts_with("kop ") ||
                         name == "title" || name == "titel";
    styles[Attribute(style, "styleId")] = heading;
  }
  return styles;
}

Result<RawExtraction> ExtractDocx(const std::filesystem::path& path, const ZipArchive& zip) {
  auto body = ReadXmlPart(zip, "word/document.xml", path, "Word document");
  if (!body.ok()) return body.status();
  const std::map<std::string, bool> heading_styles = ReadHeadingStyles(zip);
  // Word records where it laid out page breaks when it saved the file; those are the pages a
  // reader cites. Other writers leave them out, and then the explicit breaks are all we know.
  const bool rendered =
      FindElement(xmlDocGetRootElement(body->get()), "lastRenderedPageBreak") != nullptr;
  PageText pages;
  DocxWalker walker(pages, heading_styles, rendered);
  walker.Blocks(FindElement(xmlDocGetRootElement(body->get()), "body"));

  RawExtraction raw;
  raw.doc.format = "docx";
  raw.declared.heading = pages.first_heading();
  raw.doc.pages = pages.Finish();
  ReadCoreProperties(Root(ReadOptionalXml(zip, "docProps/core.xml")), raw.declared);
  raw.declared.organisation = ReadOoxmlCompany(zip);
  return raw;
}

// --- PowerPoint ---

// Relationship id -> target of a .rels part.
std::map<std::string, std::string> ReadRelationships(const ZipArchive& zip, std::string_view part) {
  std::map<std::string, std::string> targets;
  const XmlDocument doc = ReadOptionalXml(zip, part);
  for (const xmlNode* relation : FindElements(Root(doc), "Relationship")) {
    targets[Attribute(relation, "Id")] = Attribute(relation, "Target");
  }
  return targets;
}

// "a/b/../c.xml" -> "a/c.xml"; targets in .rels are relative to the part's folder.
std::string ResolvePart(std::string_view folder, std::string_view target) {
  if (target.starts_with('/')) return std::string(target.substr(1));
  std::vector<std::string> parts;
  std::string joined = std::string(folder) + std::string(target);
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    const std::string piece = joined.substr(start, end - start);
    if (piece == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!piece.empty() && piece != ".") {
      parts.push_back(piece);
    }
    start = end + 1;
  }
  std::string out;
  for (const std::string& piece : parts) out += (out.empty() ? "" : "/") + piece;
  return out;
}

std::string FolderOf(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// The paragraphs of a slide or its notes; the title placeholder becomes a heading. Slide numbers,
// dates and footers repeated on every slide are left out.
void AppendSlideText(const xmlNode* root, PageText& out, std::string* title) {
  for (const xmlNode* shape : FindElements(root, "sp")) {
    const std::string placeholder = Attribute(FindElement(shape, "ph"), "type");
    if (placeholder == "sldNum" || placeholder == "dt" || placeholder == "ftr" ||
        placeholder == "sldImg") {
      continue;
    }
    const bool is_title = placeholder == "title" || placeholder == "ctrTitle";
    for (const xmlNode* paragraph : FindElements(shape, "p")) {
      std::string text;
      for (const xmlNode* run : FindElements(paragraph, "t")) {
        text.append(TextOf(run));
        text.push_back(' ');
      }
      if (is_title) {
        text = scan::CollapseWhitespace(text);
        if (title != nullptr && title->empty()) *title = text;
        out.Heading(text);
      } else {
        out.Append(text);
        out.EndParagraph();
      }
    }
  }
  // Tables on slides are graphic frames, not shapes.
  for (const xmlNode* frame : FindElements(root, "graphicFrame")) {
    for (const xmlNode* row : FindElements(frame, "tr")) {
      std::string line;
      for (const xmlNode* cell : FindElements(row, "tc")) {
        const std::string text = TextOf(cell);
        if (text.empty()) continue;
        line += (line.empty() ? "" : " | ") + text;
      }
      out.Append(line);
      out.EndParagraph();
    }
  }
}

Result<RawExtraction> ExtractPptx(const std::filesystem::path& path, const ZipArchive& zip,
                                  const ExtractOptions& options) {
  auto presentation = ReadXmlPart(zip, "ppt/presentation.xml", path, "PowerPoint file");
  if (!presentation.ok()) return presentation.status();
  const auto slide_targets = ReadRelationships(zip, "ppt/_rels/presentation.xml.rels");
  const xmlNode* list = FindElement(xmlDocGetRootElement(presentation->get()), "sldIdLst");
  PageText pages;
  std::string first_title;
  int slides = 0;
  for (const xmlNode* slide_id : FindElements(list, "sldId")) {
    // The slide's relationship id is r:id; sldId's own id attribute has no namespace.
    xmlChar* relation =
        xmlGetNsProp(slide_id, reinterpret_cast<const xmlChar*>("id"),
                     reinterpret_cast<const xmlChar*>(
                         "http://schemas.openxmlformats.org/officeDocument/2006/relationships"));
    if (relation == nullptr) continue;
    const auto target = slide_targets.find(reinterpret_cast<const char*>(relation));
    xmlFree(relation);
    if (target == slide_targets.end()) continue;
    if (slides++ > 0) pages.PageBreak();
    if (slides > options.max_pages) break;
    const std::string part = ResolvePart("ppt/", target->second);
    const XmlDocument slide = ReadOptionalXml(zip, part);
    AppendSlideText(Root(slide), pages, &first_title);
    // Speaker notes belong to the slide they explain.
    const std::string rels =
        FolderOf(part) + "_rels/" + part.substr(FolderOf(part).size()) + ".rels";
    for (const auto& [id, notes_target] : ReadRelationships(zip, rels)) {
      if (notes_target.find("notesSlide") == std::string::npos) continue;
      const XmlDocument notes = ReadOptionalXml(zip, ResolvePart(FolderOf(part), notes_target));
      AppendSlideText(Root(notes), pages, nullptr);
    }
  }
  if (slides == 0) {
    return Status::InvalidArgument("PowerPoint file " + Describe(path) +
                                   " has no slides; the file is damaged or empty");
  }
  RawExtraction raw;
  raw.doc.format = "pptx";
  raw.doc.pages = pages.Finish();
  ReadCoreProperties(Root(ReadOptionalXml(zip, "docProps/core.xml")), raw.declared);
  raw.declared.organisation = ReadOoxmlCompany(zip);
  raw.declared.heading = first_title;
  return raw;
}

// --- OpenDocument ---

class OdfWalker {
 public:
  explicit OdfWalker(PageText& out) : out_(out) {}

  void Blocks(const xmlNode* node) {
    for (; node != nullptr; node = node->next) {
      if (node->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = LocalName(node);
      if (name == "h" || name == "p") {
        std::string text;
        pending_breaks_ = 0;
        Inline(node->children, text);
        out_.Block(text, name == "h");
        for (; pending_breaks_ > 0; --pending_breaks_) out_.PageBreak();
      } else if (name == "soft-page-break") {
        out_.PageBreak();
      } else if (name == "table-row") {
        std::string line;
        for (const xmlNode* cell = node->children; cell != nullptr; cell = cell->next) {
          if (!IsElement(cell, "table-cell")) continue;
          std::string text;
          Inline(cell->children, text);
          text = scan::CollapseWhitespace(text);
          if (!text.empty()) line += (line.empty() ? "" : " | ") + text;
        }
        out_.Append(line);
        out_.EndParagraph();
      } else if (name == "tracked-changes" || name == "sequence-decls" || name == "annotation" ||
                 name == "forms" || name == "variable-decls" || name == "user-field-decls") {
        continue;
      } else {
        Blocks(node->children);
      }
    }
  }

 private:
  void Inline(const xmlNode* node, std::string& text) {
    for (; node != nullptr; node = node->next) {
      if (node->type == XML_TEXT_NODE) {
        if (node->content != nullptr) text.append(reinterpret_cast<const char*>(node->content));
        continue;
      }
      if (node->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = LocalName(node);
      if (name == "s" || name == "tab" || name == "line-break") {
        text.push_back(' ');
      } else if (name == "soft-page-break") {
        ++pending_breaks_;
      } else if (name == "note-citation" || name == "annotation" || name == "bookmark-ref") {
        continue;
      } else {
        if (name == "p" || name == "h" || name == "list-item") text.push_back(' ');
        Inline(node->children, text);
      }
    }
  }

  PageText& out_;
  int pending_breaks_ = 0;
};

Result<RawExtraction> ExtractOdf(const std::filesystem::path& path, const ZipArchive& zip,
                                 std::string_view mimetype) {
  const XmlDocument manifest = ReadOptionalXml(zip, "META-INF/manifest.xml");
  if (FindElement(Root(manifest), "encryption-data") != nullptr) {
    return Status::InvalidArgument("OpenDocument file " + Describe(path) +
                                   " is encrypted with a password: save it without one and "
                                   "index it again");
  }
  auto content = ReadXmlPart(zip, "content.xml", path, "OpenDocument file");
  if (!content.ok()) return content.status();
  PageText pages;
  OdfWalker walker(pages);
  const xmlNode* body = FindElement(xmlDocGetRootElement(content->get()), "body");
  if (mimetype.ends_with("presentation")) {
    int slides = 0;
    for (const xmlNode* slide : FindElements(body, "page")) {
      if (slides++ > 0) pages.PageBreak();
      walker.Blocks(slide->children);
    }
  } else {
    walker.Blocks(body);
  }
  RawExtraction raw;
  raw.doc.format = mimetype.ends_with("presentation") ? "odp" : "odt";
  raw.declared.heading = pages.first_heading();
  raw.doc.pages = pages.Finish();
  ReadCoreProperties(Root(ReadOptionalXml(zip, "meta.xml")), raw.declared);
  return raw;
}

// --- EPUB ---

std::string PercentDecoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

Result<RawExtraction> ExtractEpub(const std::filesystem::path& path, const ZipArchive& zip,
                                  const ExtractOptions& options) {
  auto container = ReadXmlPart(zip, "META-INF/container.xml", path, "EPUB e-book");
  if (!container.ok()) return container.status();
  const std::string package_part =
      Attribute(FindElement(xmlDocGetRootElement(container->get()), "rootfile"), "full-path");
  auto package = ReadXmlPart(zip, package_part, path, "EPUB e-book");
  if (!package.ok()) return package.status();
  const xmlNode* root = xmlDocGetRootElement(package->get());
  std::map<std::string, std::string> hrefs;
  for (const xmlNode* item : FindElements(FindElement(root, "manifest"), "item")) {
    hrefs[Attribute(item, "id")] = Attribute(item, "href");
  }
  const std::string folder = FolderOf(package_part);
  PageText pages;
  int chapters = 0;
  for (const xmlNode* itemref : FindElements(FindElement(root, "spine"), "itemref")) {
    const auto href = hrefs.find(Attribute(itemref, "idref"));
    if (href == hrefs.end()) continue;
    std::string part = href->second.substr(0, href->second.find('#'));
    auto bytes = zip.Read(ResolvePart(folder, PercentDecoded(part)), kMaxPartBytes);
    if (!bytes.ok())
      return Status::InvalidArgument("EPUB e-book " + Describe(path) + ": " +
                                     bytes.status().message());
    if (!bytes->has_value()) continue;
    const XmlDocument chapter = ParseHtml(**bytes, "UTF-8");
    PageText text;
    AppendHtmlBlocks(FindElement(Root(chapter), "body"), text);
    std::vector<std::string> chapter_pages = text.Finish();
    if (scan::CountLetters(chapter_pages.front()) == 0) continue;  // a cover image
    if (chapters++ > 0) pages.PageBreak();
    if (chapters > options.max_pages) break;
    pages.Append(chapter_pages.front());
  }
  RawExtraction raw;
  raw.doc.format = "epub";
  raw.doc.pages = pages.Finish();
  const xmlNode* metadata = FindElement(root, "metadata");
  raw.declared.title = ElementText(metadata, "title");
  raw.declared.authors = SplitAuthors(ElementText(metadata, "creator"));
  raw.declared.date = ElementText(metadata, "date");
  raw.declared.organisation = ElementText(metadata, "publisher");
  return raw;
}

}  // namespace

Result<RawExtraction> ExtractPackage(const std::filesystem::path& path, std::string_view bytes,
                                     const ExtractOptions& options) {
  auto zip = ZipArchive::Open(bytes);
  if (!zip.ok()) {
    return Status::InvalidArgument(Describe(path) + " looks like a ZIP package but " +
                                   zip.status().message() + "; re-save or re-download it");
  }
  auto mimetype = zip->Read("mimetype", 256);
  const std::string declared_type =
      mimetype.ok() && mimetype->has_value() ? scan::CollapseWhitespace(**mimetype) : std::string();
  if (declared_type == "application/epub+zip") return ExtractEpub(path, *zip, options);
  if (declared_type.starts_with("application/vnd.oasis.opendocument.text") ||
      declared_type.starts_with("application/vnd.oasis.opendocument.presentation")) {
    return ExtractOdf(path, *zip, declared_type);
  }
  if (zip->Contains("word/document.xml")) return ExtractDocx(path, *zip);
  if (zip->Contains("ppt/presentation.xml")) return ExtractPptx(path, *zip, options);
  if (zip->HasEncryptedEntries()) {
    return Status::InvalidArgument("ZIP archive " + Describe(path) +
                                   " is encrypted with a password; unpack it first");
  }
  if (!declared_type.empty()) {
    return Status::InvalidArgument(Describe(path) + " is a package of type '" + declared_type +
                                   "', which is not indexed (text documents, presentations and "
                                   "e-books are); export it as PDF");
  }
  if (zip->Contains("xl/workbook.xml")) {
    return Status::InvalidArgument(Describe(path) +
                                   " is an Excel workbook, which is not indexed; export the "
                                   "sheets that matter as PDF");
  }
  return Status::InvalidArgument(
      Describe(path) +
      " is a ZIP archive but not a Word, PowerPoint, OpenDocument or EPUB "
      "document (no word/document.xml, ppt/presentation.xml or mimetype "
      "entry); unpack it and index its files");
}

}  // namespace kb::extract
