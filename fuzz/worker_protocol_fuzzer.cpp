// Fuzzes what SandboxedExtractor reads from its worker, which may be a process that a hostile
// PDF has taken over: the framing (ReadFrame over a real socket, with lying lengths and
// truncated streams) and the response decoder (DecodeResponse). Also the worker's request
// decoder (DecodeRequest). Decoding what was encoded must give the same value back.
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "worker_protocol.h"

namespace {

namespace protocol = kb::extract::protocol;

void Require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "broken contract: %s\n", what);
  std::abort();
}

bool SameDoc(const kb::extract::ExtractedDoc& a, const kb::extract::ExtractedDoc& b) {
  return a.format == b.format && a.title == b.title && a.title_source == b.title_source &&
         a.authors == b.authors && a.organisation == b.organisation && a.date == b.date &&
         a.kind == b.kind && a.evidence == b.evidence && a.language == b.language &&
         a.encoding == b.encoding && a.pages == b.pages;
}

void CheckResponse(std::string_view payload) {
  const auto decoded = protocol::DecodeResponse(payload);
  if (!decoded) return;
  const auto again = protocol::DecodeResponse(protocol::EncodeResponse(*decoded));
  Require(again.has_value(), "an encoded response does not decode");
  Require(again->ok() == decoded->ok(), "a response changed from success to failure");
  if (decoded->ok()) {
    Require(SameDoc(again->value(), decoded->value()), "a document changed in a round trip");
  } else {
    Require(again->status().kind() == decoded->status().kind() &&
                again->status().message() == decoded->status().message(),
            "a failure changed in a round trip");
  }
}

void CheckRequest(std::string_view payload) {
  const auto decoded = protocol::DecodeRequest(payload);
  if (!decoded.ok()) return;
  const auto again = protocol::DecodeRequest(protocol::EncodeRequest(*decoded));
  Require(again.ok(), "an encoded request does not decode");
  Require(again->path == decoded->path &&
              again->options.max_file_bytes == decoded->options.max_file_bytes &&
              again->options.max_pages == decoded->options.max_pages,
          "a request changed in a round trip");
}

// The input as the stream a worker wrote: every frame ReadFrame finds is decoded as a
// response, until the stream ends or is broken.
void ReadStream(std::string_view stream) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) std::abort();
  // The whole input fits the socket buffer (inputs are far below it), so this never blocks.
  const ssize_t written = ::write(fds[1], stream.data(), stream.size());
  Require(written == static_cast<ssize_t>(stream.size()), "the socket took less than the input");
  ::close(fds[1]);  // the worker is gone: the reader sees the end of the stream
  while (true) {
    protocol::ReadResult frame = protocol::ReadFrame(fds[0], std::nullopt);
    if (frame.outcome != protocol::ReadOutcome::kFrame) break;
    CheckResponse(frame.payload);
  }
  ::close(fds[0]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CheckResponse(bytes);
  CheckRequest(bytes);
  if (size <= 64 * 1024) ReadStream(bytes);
  return 0;
}
