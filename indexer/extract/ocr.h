// OCR of page images with Tesseract's Dutch model (internal header; tesseract-ocr-nld).
#pragma once

#include <chrono>
#include <string>

#include "kb/core/status.h"

namespace kb::extract {

// Rendering resolution for OCR: Tesseract reads 300 dpi scans best.
inline constexpr double kOcrDpi = 300.0;
// One page may take this long; a page past it gives what was read so far.
inline constexpr std::chrono::milliseconds kOcrPageTimeLimit{20000};

// The text of an 8-bit grey image (bytes_per_line >= width). One engine per process, used under
// a lock. OpenMP inside Tesseract must be held to one thread (two made it about ten times
// slower here): SandboxedExtractor starts its workers with OMP_THREAD_LIMIT=1. Unavailable when
// the Dutch model is not installed.
Result<std::string> RecognizeGreyImage(const unsigned char* pixels, int width, int height,
                                       int bytes_per_line);

}  // namespace kb::extract
