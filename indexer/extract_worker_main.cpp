// kb-extract-worker: serves extraction requests from kb-indexer's SandboxedExtractor on
// stdin/stdout. Not meant to be run by hand.
#include "kb/extract/sandboxed_extractor.h"

int main() { return kb::extract::RunExtractWorker(); }
