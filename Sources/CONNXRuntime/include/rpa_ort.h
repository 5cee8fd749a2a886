#ifndef RPA_ORT_H
#define RPA_ORT_H
// A narrow C face on ONNX Runtime's C API for the neural recognizer (Sources/OCR/NeuralRecognizer.swift).
// The library is not linked: it is loaded with dlopen from rpa's private folder, after Swift has checked
// its SHA-256, so a machine without it still runs rpa (Tesseract only) and says how to set it up.
#include <stddef.h>
#include <stdint.h>

typedef struct rpa_ort_session rpa_ort_session;

/// Loads the library at `path` once per process (later calls return at once) and creates the
/// process's one environment. Returns 0, or -1 with a message in `message`.
int rpa_ort_load(const char *path, char *message, size_t size);

/// The loaded library's version ("1.23.2"), or NULL before `rpa_ort_load` succeeded.
const char *rpa_ort_version(void);

/// A session on the model at `path` with `threads` threads for one run (1: one worker, one core).
rpa_ort_session *rpa_ort_session_create(const char *path, int threads, char *message, size_t size);
void rpa_ort_session_release(rpa_ort_session *session);

/// The model's custom metadata value under `key`, malloc'd (free it), or NULL when absent or on error.
char *rpa_ort_metadata(rpa_ort_session *session, const char *key, char *message, size_t size);

/// Runs the model on `input`, float32 [batch, 3, height, width]; on success `*output` is a malloc'd
/// copy of the first output (free it) with its last two dimensions in `*steps` and `*classes`.
int rpa_ort_run(rpa_ort_session *session, const float *input, int64_t batch, int64_t height, int64_t width,
                float **output, int64_t *steps, int64_t *classes, char *message, size_t size);
#endif
