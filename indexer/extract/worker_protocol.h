// The wire protocol between SandboxedExtractor and its worker (internal header).
//
// Every message is a frame: a 4-byte big-endian length, then that many payload bytes.
//   request  = "kb-extract/1\n<max_file_bytes>\n<max_pages>\n<off|auto|force>\n<OCR cache folder
//              in hex>\n<path bytes>"  (path last, so it may hold any byte, newlines included)
//   response = JSON {"ok": true, "doc": {...ExtractedDoc...}}
//              or   {"ok": false, "kind": "InvalidArgument", "message": "..."}
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "kb/core/status.h"
#include "kb/extract/extracted_doc.h"
#include "kb/extract/extractor.h"

namespace kb::extract::protocol {

using Deadline = std::optional<std::chrono::steady_clock::time_point>;

// Responses above this are refused: no real document produces half a gigabyte of text.
constexpr std::uint32_t kMaxFrameBytes = 512u << 20;

enum class ReadOutcome { kFrame, kEndOfStream, kTimeout, kError };

struct ReadResult {
  ReadOutcome outcome = ReadOutcome::kError;
  std::string payload;  // the frame when kFrame; a description when kError
};

// Reads one frame, waiting at most until `deadline` (forever when empty). kEndOfStream only
// when the peer closed before the first byte of a frame. Memory grows with the bytes that
// arrive, not with the length a header claims.
ReadResult ReadFrame(int fd, Deadline deadline);

// Writes one frame. Never raises SIGPIPE: a closed peer is an error with "EPIPE" reasons.
Status WriteFrame(int fd, std::string_view payload, Deadline deadline);

struct Request {
  std::filesystem::path path;
  ExtractOptions options;
};
std::string EncodeRequest(const Request& request);
Result<Request> DecodeRequest(std::string_view payload);

std::string EncodeResponse(const Result<ExtractedDoc>& result);
// The document or the worker's failure Status; std::nullopt when the payload is malformed or
// a document field breaks the bounds of extracted_doc.h (an empty or over-long title, more than
// kMaxAuthors authors, ...): a worker that speaks garbage must be replaced.
std::optional<Result<ExtractedDoc>> DecodeResponse(std::string_view payload);

}  // namespace kb::extract::protocol
