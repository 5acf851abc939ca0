// Framing over a pipe or socket, and the JSON form of an ExtractedDoc.
#include "worker_protocol.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

namespace kb::extract::protocol {
namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

constexpr std::string_view kRequestMagic = "kb-extract/1\n";

// ReadFrame's step: what a frame header alone can make us allocate.
constexpr std::size_t kReadChunkBytes = std::size_t{1} << 20;

// Milliseconds left until the deadline for poll(): -1 = forever, 0 = expired.
int RemainingMs(Deadline deadline) {
  if (!deadline) return -1;
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Clock::now()).count();
  if (left <= 0) return 0;
  return left > 1'000'000 ? 1'000'000 : static_cast<int>(left);
}

// Waits until fd is ready for `events`. 1 = ready, 0 = timeout, -1 = error (errno set).
int WaitReady(int fd, short events, Deadline deadline) {
  while (true) {
    pollfd entry{fd, events, 0};
    const int ready = ::poll(&entry, 1, RemainingMs(deadline));
    if (ready >= 0) return ready;
    if (errno != EINTR) return -1;
  }
}

// Reads exactly `size` bytes. kEndOfStream only if the stream ended before the first byte.
ReadOutcome ReadExact(int fd, char* data, std::size_t size, Deadline deadline, std::string* error) {
  std::size_t done = 0;
  while (done < size) {
    const int ready = WaitReady(fd, POLLIN, deadline);
    if (ready == 0) return ReadOutcome::kTimeout;
    if (ready < 0) {
      *error = std::string("poll failed: ") + std::strerror(errno);
      return ReadOutcome::kError;
    }
    const ssize_t got = ::read(fd, data + done, size - done);
    if (got == 0) {
      if (done == 0) return ReadOutcome::kEndOfStream;
      *error = "the stream ended in the middle of a message";
      return ReadOutcome::kError;
    }
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      if (errno == ECONNRESET && done == 0) return ReadOutcome::kEndOfStream;
      *error = std::string("read failed: ") + std::strerror(errno);
      return ReadOutcome::kError;
    }
    done += static_cast<std::size_t>(got);
  }
  return ReadOutcome::kFrame;
}

// send() with MSG_NOSIGNAL on sockets so a dead peer gives EPIPE instead of killing us;
// plain write() on pipes and files.
ssize_t WriteSome(int fd, const char* data, std::size_t size) {
  const ssize_t sent = ::send(fd, data, size, MSG_NOSIGNAL);
  if (sent >= 0 || errno != ENOTSOCK) return sent;
  return ::write(fd, data, size);
}

// The OCR cache folder and attachments' bytes travel as hex: a path may hold any byte, newlines
// included.
std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

bool FromHex(std::string_view hex, std::string& out) {
  if (hex.size() % 2 != 0) return false;
  const auto value = [](char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  };
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = value(hex[i]);
    const int low = value(hex[i + 1]);
    if (high < 0 || low < 0) return false;
    out.push_back(static_cast<char>(high * 16 + low));
  }
  return true;
}

Json DocToJson(const ExtractedDoc& doc);

Json AttachmentsToJson(const std::vector<ExtractedAttachment>& attachments) {
  Json out = Json::array();
  for (const ExtractedAttachment& a : attachments) {
    out.push_back(Json{{"name", a.name}, {"bytes", Hex(a.bytes)}, {"doc", DocToJson(a.doc)}});
  }
  return out;
}

Json DocToJson(const ExtractedDoc& doc) {
  return Json{{"format", doc.format},
              {"title", doc.title},
              {"title_source", doc.title_source},
              {"authors", doc.authors},
              {"organisation", doc.organisation},
              {"date", doc.date},
              {"kind", doc.kind},
              {"evidence", doc.evidence},
              {"language", doc.language},
              {"encoding", doc.encoding},
              {"pages", doc.pages},
              {"ocr_pages", doc.ocr_pages},
              {"personal_data_count", doc.personal_data_count},
              {"personal_data_pages", doc.personal_data_pages},
              {"attachments", AttachmentsToJson(doc.attachments)}};
}

// Extraction bounds every metadata field (extracted_doc.h); a reply beyond them did not come
// from a sound worker.
bool WithinBounds(const ExtractedDoc& doc) {
  const auto short_code = [](const std::string& code) { return code.size() <= kMaxCodeBytes; };
  return !doc.title.empty() && doc.title.size() <= kMaxTitleBytes &&
         doc.authors.size() <= kMaxAuthors &&
         std::all_of(doc.authors.begin(), doc.authors.end(),
                     [](const std::string& author) { return author.size() <= kMaxAuthorBytes; }) &&
         doc.organisation.size() <= kMaxOrganisationBytes && short_code(doc.format) &&
         short_code(doc.date) && short_code(doc.kind) && short_code(doc.evidence) &&
         short_code(doc.language) && short_code(doc.encoding) && short_code(doc.title_source) &&
         doc.attachments.size() <= kMaxAttachmentDocuments &&
         std::all_of(doc.attachments.begin(), doc.attachments.end(),
                     [](const ExtractedAttachment& a) {
                       return a.name == AttachmentFileName(a.name) && a.doc.attachments.empty() &&
                              WithinBounds(a.doc);
                     });
}

ExtractedDoc DocFromJson(const Json& json) {
  ExtractedDoc doc;
  json.at("format").get_to(doc.format);
  json.at("title").get_to(doc.title);
  json.at("title_source").get_to(doc.title_source);
  json.at("authors").get_to(doc.authors);
  json.at("organisation").get_to(doc.organisation);
  json.at("date").get_to(doc.date);
  json.at("kind").get_to(doc.kind);
  json.at("evidence").get_to(doc.evidence);
  json.at("language").get_to(doc.language);
  json.at("encoding").get_to(doc.encoding);
  json.at("pages").get_to(doc.pages);
  json.at("ocr_pages").get_to(doc.ocr_pages);
  json.at("personal_data_count").get_to(doc.personal_data_count);
  json.at("personal_data_pages").get_to(doc.personal_data_pages);
  for (const Json& a : json.at("attachments")) {
    ExtractedAttachment attachment;
    a.at("name").get_to(attachment.name);
    if (!FromHex(a.at("bytes").get<std::string>(), attachment.bytes)) {
      throw std::invalid_argument("an attachment's bytes are not hex");
    }
    attachment.doc = DocFromJson(a.at("doc"));
    doc.attachments.push_back(std::move(attachment));
  }
  return doc;
}

std::optional<ErrorKind> KindFromName(std::string_view name) {
  for (const auto kind : kAllErrorKinds) {
    if (ErrorKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

bool ParseNumber(std::string_view text, std::uint64_t* value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

ReadResult ReadFrame(int fd, Deadline deadline) {
  ReadResult result;
  std::array<unsigned char, 4> header{};
  result.outcome = ReadExact(fd, reinterpret_cast<char*>(header.data()), header.size(), deadline,
                             &result.payload);
  if (result.outcome != ReadOutcome::kFrame) return result;
  const std::uint32_t size = (std::uint32_t{header[0]} << 24) | (std::uint32_t{header[1]} << 16) |
                             (std::uint32_t{header[2]} << 8) | std::uint32_t{header[3]};
  if (size > kMaxFrameBytes) {
    result.outcome = ReadOutcome::kError;
    result.payload = "message of " + std::to_string(size) + " bytes exceeds the limit";
    return result;
  }
  // The payload grows as its bytes arrive, a chunk at a time: a header alone (from a worker
  // that lies or dies) must not make us allocate and clear up to kMaxFrameBytes.
  std::string payload;
  while (payload.size() < size) {
    const std::size_t done = payload.size();
    const std::size_t chunk = std::min<std::size_t>(kReadChunkBytes, size - done);
    payload.resize(done + chunk);
    result.outcome = ReadExact(fd, payload.data() + done, chunk, deadline, &result.payload);
    if (result.outcome == ReadOutcome::kEndOfStream) {
      result.outcome = ReadOutcome::kError;
      result.payload = "the stream ended in the middle of a message";
    }
    if (result.outcome != ReadOutcome::kFrame) return result;
  }
  result.payload = std::move(payload);
  return result;
}

Status WriteFrame(int fd, std::string_view payload, Deadline deadline) {
  if (payload.size() > kMaxFrameBytes) {
    return Status::Internal("message of " + std::to_string(payload.size()) +
                            " bytes exceeds the protocol limit");
  }
  const auto size = static_cast<std::uint32_t>(payload.size());
  std::string frame{static_cast<char>(size >> 24), static_cast<char>(size >> 16),
                    static_cast<char>(size >> 8), static_cast<char>(size)};
  frame.append(payload);
  std::size_t done = 0;
  while (done < frame.size()) {
    const int ready = WaitReady(fd, POLLOUT, deadline);
    if (ready == 0) return Status::Unavailable("timed out writing to the peer");
    if (ready < 0) return Status::Unavailable(std::string("poll failed: ") + std::strerror(errno));
    const ssize_t sent = WriteSome(fd, frame.data() + done, frame.size() - done);
    if (sent < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return Status::Unavailable(std::string("write failed: ") + std::strerror(errno));
    }
    done += static_cast<std::size_t>(sent);
  }
  return Status::Ok();
}

std::string EncodeRequest(const Request& request) {
  std::string out(kRequestMagic);
  out.append(std::to_string(request.options.max_file_bytes)).push_back('\n');
  out.append(std::to_string(request.options.max_pages)).push_back('\n');
  out.append(OcrModeName(request.options.ocr)).push_back('\n');
  out.append(Hex(request.options.ocr_cache.native())).push_back('\n');
  out.append(request.path.native());
  return out;
}

Result<Request> DecodeRequest(std::string_view payload) {
  if (payload.substr(0, kRequestMagic.size()) != kRequestMagic) {
    return Status::InvalidArgument("not a kb-extract/1 request");
  }
  payload.remove_prefix(kRequestMagic.size());
  // Four lines, then the path.
  std::string_view lines[4];
  for (std::string_view& line : lines) {
    const std::size_t end = payload.find('\n');
    if (end == std::string_view::npos)
      return Status::InvalidArgument("malformed kb-extract/1 request");
    line = payload.substr(0, end);
    payload.remove_prefix(end + 1);
  }
  std::uint64_t max_bytes = 0;
  std::uint64_t max_pages = 0;
  const auto ocr = ParseOcrMode(lines[2]);
  std::string cache;
  if (!ParseNumber(lines[0], &max_bytes) || !ParseNumber(lines[1], &max_pages) ||
      max_pages > static_cast<std::uint64_t>(std::numeric_limits<int>::max()) || !ocr ||
      !FromHex(lines[3], cache)) {
    return Status::InvalidArgument("malformed kb-extract/1 request");
  }
  Request request;
  request.options.max_file_bytes = max_bytes;
  request.options.max_pages = static_cast<int>(max_pages);
  request.options.ocr = *ocr;
  request.options.ocr_cache = std::filesystem::path(cache);
  request.path = std::filesystem::path(std::string(payload));
  return request;
}

std::string EncodeResponse(const Result<ExtractedDoc>& result) {
  Json json;
  if (result.ok()) {
    json = Json{{"ok", true}, {"doc", DocToJson(result.value())}};
  } else {
    json = Json{{"ok", false},
                {"kind", std::string(ErrorKindName(result.status().kind()))},
                {"message", result.status().message()}};
  }
  // Invalid UTF-8 (from a broken file name, say) is replaced rather than thrown on.
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::optional<Result<ExtractedDoc>> DecodeResponse(std::string_view payload) {
  try {
    const Json json = Json::parse(payload);
    if (json.at("ok").get<bool>()) {
      ExtractedDoc doc = DocFromJson(json.at("doc"));
      if (!WithinBounds(doc)) return std::nullopt;
      // Built in place: a temporary Result here trips GCC 12's -Wmaybe-uninitialized.
      return std::optional<Result<ExtractedDoc>>(std::in_place, std::move(doc));
    }
    const auto kind = KindFromName(json.at("kind").get<std::string>());
    if (!kind) return std::nullopt;
    return Result<ExtractedDoc>(Status::Of(*kind, json.at("message").get<std::string>()));
  } catch (const std::exception&) {  // Json's own exceptions, and bytes that are not hex
    return std::nullopt;
  }
}

}  // namespace kb::extract::protocol
