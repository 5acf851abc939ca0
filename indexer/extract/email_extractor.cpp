// E-mail messages (.eml, RFC 5322 with MIME) through GMime, Debian's well-kept MIME parser: the
// subject is the title, the sender the author, the Date header the date. The message's text is
// its first page: the text/plain parts, or where a part exists only as HTML, that HTML's article
// text. Each attachment of an indexed format is extracted like a file of its own, inside this
// worker, and becomes a document of its own (ExtractedDoc::attachments) that the indexer links
// to the message; the message's text ends with their names. Attachments of attachments (a
// forwarded message with its own) are read to kMaxAttachmentDepth and kept as attachments of
// the file.
#include <gmime/gmime.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "format_extractors.h"
#include "kb/analysis/charset.h"
#include "kb/core/schema.h"
#include "text_scan.h"
#include "xml_text.h"

namespace kb::extract {
namespace {

constexpr int kMaxAttachmentDepth = 2;
constexpr std::size_t kMaxAttachments = 50;

template <typename T>
struct GObjectUnref {
  void operator()(T* object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref<T>>;

struct GFreeDeleter {
  void operator()(char* text) const { g_free(text); }
};

void InitGmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// GMime converts text from its declared charset; a message that declares none or a wrong one
// keeps its bytes, which are decoded as a text file's are (or dropped if they are not text).
std::string AsUtf8(std::string text) {
  if (analysis::IsValidUtf8(text)) return text;
  auto decoded = analysis::DecodeToUtf8(text);
  return decoded.ok() ? std::move(decoded->utf8) : std::string();
}

std::string Owned(char* text) {
  std::unique_ptr<char, GFreeDeleter> owner(text);
  return owner ? AsUtf8(std::string(owner.get())) : std::string();
}

// The decoded bytes of a leaf part (base64 and quoted-printable undone).
std::string PartBytes(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return {};
  GPtr<GMimeStream> stream(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, stream.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
  return bytes == nullptr ? std::string()
                          : std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

struct Attachment {
  std::string name;
  std::string bytes;
};

struct Collected {
  std::vector<std::string> plain;
  std::vector<std::string> html;
  std::vector<Attachment> attachments;
};

void CollectPart(GMimeObject* /*parent*/, GMimeObject* object, gpointer data) {
  auto& collected = *static_cast<Collected*>(data);
  if (GMIME_IS_MESSAGE_PART(object)) {  // a forwarded message: an attachment of its own
    GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
    if (inner == nullptr || collected.attachments.size() >= kMaxAttachments) return;
    GPtr<GMimeStream> stream(g_mime_stream_mem_new());
    g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, stream.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
    if (bytes != nullptr) {
      collected.attachments.push_back(
          {"doorgestuurd bericht.eml",
           std::string(reinterpret_cast<const char*>(bytes->data), bytes->len)});
    }
    return;
  }
  if (!GMIME_IS_PART(object)) return;
  GMimePart* part = GMIME_PART(object);
  const char* file_name = g_mime_part_get_filename(part);
  if (g_mime_part_is_attachment(part) || (file_name != nullptr && *file_name != '\0')) {
    if (collected.attachments.size() < kMaxAttachments) {
      collected.attachments.push_back(
          {file_name ? AsUtf8(file_name) : std::string("bijlage"), PartBytes(part)});
    }
    return;
  }
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (GMIME_IS_TEXT_PART(object) && g_mime_content_type_is_type(type, "text", "plain")) {
    collected.plain.push_back(Owned(g_mime_text_part_get_text(GMIME_TEXT_PART(object))));
  } else if (GMIME_IS_TEXT_PART(object) && g_mime_content_type_is_type(type, "text", "html")) {
    collected.html.push_back(Owned(g_mime_text_part_get_text(GMIME_TEXT_PART(object))));
  }
}

// An attachment extracted as the file it is, from a private temporary copy under its own name
// (a title from the file name is the attachment's name, not the copy's).
Result<ExtractedDoc> ExtractAttachment(const Attachment& attachment, const ExtractOptions& options,
                                       int depth) {
  std::string folder = (std::filesystem::temp_directory_path() / "kb-bijlage-XXXXXX").string();
  if (::mkdtemp(folder.data()) == nullptr) {
    return Status::Internal("cannot make a temporary folder for an attachment");
  }
  const std::filesystem::path copy =
      std::filesystem::path(folder) / AttachmentFileName(attachment.name);
  {
    std::ofstream out(copy, std::ios::binary);
    out.write(attachment.bytes.data(), static_cast<std::streamsize>(attachment.bytes.size()));
  }
  ExtractOptions inner = options;
  inner.attachment_depth = depth + 1;
  auto doc = ExtractFile(copy, inner);
  std::error_code ignored;
  std::filesystem::remove_all(folder, ignored);
  return doc;
}

// Paragraphs are separated by empty lines; a line break inside one is a space.
void AppendParagraphs(std::string_view text, PageText& out) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find("\n\n", start);
    if (end == std::string_view::npos) end = text.size();
    out.Block(text.substr(start, end - start), false);
    start = end + 2;
  }
}

bool IsIndexedName(const std::string& name) {
  std::string extension = scan::ToLowerAscii(std::filesystem::path(name).extension().string());
  return std::find(schema::kIndexedExtensions.begin(), schema::kIndexedExtensions.end(),
                   extension) != schema::kIndexedExtensions.end();
}

}  // namespace

std::string AttachmentFileName(std::string_view name) {
  // The last part of a path, whether the sender's system wrote it with '/' or '\\'.
  const std::size_t slash = name.find_last_of("/\\");
  std::string base(slash == std::string_view::npos ? name : name.substr(slash + 1));
  for (char& c : base) {
    if (static_cast<unsigned char>(c) < 0x20) c = '_';
  }
  if (base.empty() || base == "." || base == "..") base = "bijlage";
  constexpr std::size_t kMaxNameBytes = 150;
  if (base.size() > kMaxNameBytes) {
    std::string extension = std::filesystem::path(base).extension().string();
    if (extension.size() > 10) extension.clear();
    std::size_t keep = kMaxNameBytes - extension.size();
    while (keep > 0 && (static_cast<unsigned char>(base[keep]) & 0xC0) == 0x80) --keep;
    base = base.substr(0, keep) + extension;
  }
  return base;
}

bool LooksLikeEmail(std::string_view bytes) {
  // The header block: "Name: value" lines up to the first empty line, among them From and one
  // of Date, Subject, Received, Message-ID or MIME-Version.
  const std::string_view head = bytes.substr(0, std::min<std::size_t>(bytes.size(), 8192));
  const std::size_t first_colon = head.find(':');
  const std::size_t first_end = head.find('\n');
  if (first_colon == std::string_view::npos || first_colon == 0 || first_colon > first_end) {
    return false;
  }
  for (std::size_t i = 0; i < first_colon; ++i) {
    const char c = head[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return false;
  }
  const std::size_t end = head.find("\n\n");
  const std::string block = "\n" + scan::ToLowerAscii(head.substr(0, end));
  const bool from = block.find("\nfrom:") != std::string::npos;
  bool other = false;
  for (const char* header :
       {"\ndate:", "\nsubject:", "\nreceived:", "\nmessage-id:", "\nmime-version:"}) {
    other = other || block.find(header) != std::string::npos;
  }
  return from && other;
}

Result<RawExtraction> ExtractEmail(const std::filesystem::path& path, std::string_view bytes,
                                   const ExtractOptions& options) {
  InitGmime();
  GPtr<GMimeStream> stream(
      g_mime_stream_mem_new_with_buffer(bytes.data(), static_cast<std::size_t>(bytes.size())));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!message) {
    return Status::InvalidArgument("e-mail '" + path.string() +
                                   "' cannot be read as a message (RFC 5322); save it again as "
                                   ".eml from the mail program");
  }
  RawExtraction raw;
  raw.doc.format = "email";
  const char* subject = g_mime_message_get_subject(message.get());
  raw.declared.title = subject ? scan::CollapseWhitespace(AsUtf8(subject)) : std::string();
  if (InternetAddressList* from = g_mime_message_get_from(message.get())) {
    for (int i = 0; i < internet_address_list_length(from); ++i) {
      InternetAddress* address = internet_address_list_get_address(from, i);
      const char* name = internet_address_get_name(address);
      // The sender's name, never the address: addresses are personal data, not authorship.
      std::string author = name != nullptr ? scan::CollapseWhitespace(AsUtf8(name)) : "";
      if (!author.empty()) raw.declared.authors.push_back(std::move(author));
    }
  }
  if (GDateTime* date = g_mime_message_get_date(message.get())) {
    raw.declared.date = Owned(g_date_time_format(date, "%Y-%m-%d"));
  }

  Collected collected;
  g_mime_message_foreach(message.get(), CollectPart, &collected);
  PageText text;
  if (!raw.declared.title.empty()) text.Heading(raw.declared.title);
  if (!collected.plain.empty()) {
    for (const std::string& part : collected.plain) AppendParagraphs(part, text);
  } else {
    for (const std::string& part : collected.html) {
      const XmlDocument page = ParseHtml(part, "UTF-8");
      AppendHtmlBlocks(FindElement(page ? xmlDocGetRootElement(page.get()) : nullptr, "body"),
                       text);
    }
  }
  // Each attachment of an indexed format is a document of its own; the message names them.
  // A forwarded message's own attachments follow it, as attachments of this file.
  std::string names;
  std::size_t kept_bytes = 0;
  for (Attachment& attachment : collected.attachments) {
    if (options.attachment_depth >= kMaxAttachmentDepth || !IsIndexedName(attachment.name) ||
        raw.doc.attachments.size() >= kMaxAttachmentDocuments) {
      continue;
    }
    auto doc = ExtractAttachment(attachment, options, options.attachment_depth);
    if (!doc.ok()) continue;  // the message stands without it
    names += (names.empty() ? "" : ", ") + attachment.name;
    std::vector<ExtractedAttachment> inner = std::move(doc->attachments);
    doc->attachments.clear();
    ExtractedAttachment out{AttachmentFileName(attachment.name), std::move(attachment.bytes),
                            std::move(*doc)};
    if (kept_bytes + out.bytes.size() > kMaxAttachmentBytesTotal) out.bytes.clear();
    kept_bytes += out.bytes.size();
    raw.doc.attachments.push_back(std::move(out));
    for (ExtractedAttachment& nested : inner) {
      if (raw.doc.attachments.size() >= kMaxAttachmentDocuments) break;
      if (kept_bytes + nested.bytes.size() > kMaxAttachmentBytesTotal) nested.bytes.clear();
      kept_bytes += nested.bytes.size();
      raw.doc.attachments.push_back(std::move(nested));
    }
  }
  if (!names.empty()) text.Block("Bijlagen: " + names, false);
  raw.doc.pages = text.Finish();
  return raw;
}

}  // namespace kb::extract
