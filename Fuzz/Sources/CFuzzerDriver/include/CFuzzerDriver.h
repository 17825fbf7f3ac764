// libFuzzer's driver entry point (compiler-rt, linked by -sanitize=fuzzer).
//
// SwiftPM links an executable target with its `main` renamed to `<Module>_main` and aliased back
// with --defsym, so libFuzzer's own `main` cannot be used: each fuzz target has a Swift `@main`
// that hands its test function to this driver instead.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
