#include "rpa_ort.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Installed by scripts/install-deps.sh from Debian's libonnxruntime-dev (API version 21; the library
// installed beside it is newer and serves that version).
#include "/usr/local/lib/rpa/onnxruntime/include/onnxruntime_c_api.h"

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static const OrtApi *api;
static OrtEnv *environment;
static const char *version;

struct rpa_ort_session {
    OrtSession *session;
    char *input_name;
    char *output_name;
};

/// Copies the status's message into `message` and releases it; returns -1, or 0 when `status` is NULL.
static int failed(OrtStatus *status, const char *what, char *message, size_t size) {
    if (status == NULL) return 0;
    snprintf(message, size, "%s: %s", what, api->GetErrorMessage(status));
    api->ReleaseStatus(status);
    return -1;
}

int rpa_ort_load(const char *path, char *message, size_t size) {
    pthread_mutex_lock(&load_lock);
    int result = 0;
    if (api == NULL) {
        void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        const OrtApiBase *(*base)(void) = NULL;
        if (library == NULL) {
            snprintf(message, size, "cannot load %s: %s", path, dlerror());
            result = -1;
        } else if ((*(void **)&base = dlsym(library, "OrtGetApiBase")) == NULL) {
            snprintf(message, size, "%s is not ONNX Runtime (no OrtGetApiBase)", path);
            result = -1;
        } else {
            const OrtApi *candidate = base()->GetApi(ORT_API_VERSION);
            if (candidate == NULL) {
                snprintf(message, size, "%s (ONNX Runtime %s) does not serve API version %d", path,
                         base()->GetVersionString(), ORT_API_VERSION);
                result = -1;
            } else {
                api = candidate;
                result = failed(api->CreateEnv(ORT_LOGGING_LEVEL_ERROR, "rpa", &environment),
                                "cannot start ONNX Runtime", message, size);
                if (result == 0) version = base()->GetVersionString();
                else api = NULL;
            }
        }
    }
    pthread_mutex_unlock(&load_lock);
    return result;
}

const char *rpa_ort_version(void) { return version; }

rpa_ort_session *rpa_ort_session_create(const char *path, int threads, char *message, size_t size) {
    if (api == NULL) {
        snprintf(message, size, "ONNX Runtime is not loaded");
        return NULL;
    }
    OrtSessionOptions *options = NULL;
    if (failed(api->CreateSessionOptions(&options), "session options", message, size)) return NULL;
    rpa_ort_session *session = calloc(1, sizeof *session);
    OrtAllocator *allocator = NULL;
    int bad = session == NULL
        || failed(api->SetIntraOpNumThreads(options, threads), "threads", message, size)
        || failed(api->SetInterOpNumThreads(options, 1), "threads", message, size)
        || failed(api->SetSessionExecutionMode(options, ORT_SEQUENTIAL), "execution mode", message, size)
        || failed(api->SetSessionGraphOptimizationLevel(options, ORT_ENABLE_ALL), "optimisation", message, size)
        || failed(api->CreateSession(environment, path, options, &session->session), "cannot open the model",
                  message, size)
        || failed(api->GetAllocatorWithDefaultOptions(&allocator), "allocator", message, size);
    if (!bad) {
        char *name = NULL;
        bad = failed(api->SessionGetInputName(session->session, 0, allocator, &name), "input", message, size);
        if (!bad) {
            session->input_name = strdup(name);
            (void)failed(api->AllocatorFree(allocator, name), "allocator", message, size);
            bad = failed(api->SessionGetOutputName(session->session, 0, allocator, &name), "output", message,
                         size);
            if (!bad) {
                session->output_name = strdup(name);
                (void)failed(api->AllocatorFree(allocator, name), "allocator", message, size);
            }
        }
    }
    api->ReleaseSessionOptions(options);
    if (bad) {
        rpa_ort_session_release(session);
        return NULL;
    }
    return session;
}

void rpa_ort_session_release(rpa_ort_session *session) {
    if (session == NULL) return;
    if (session->session != NULL) api->ReleaseSession(session->session);
    free(session->input_name);
    free(session->output_name);
    free(session);
}

char *rpa_ort_metadata(rpa_ort_session *session, const char *key, char *message, size_t size) {
    OrtModelMetadata *metadata = NULL;
    OrtAllocator *allocator = NULL;
    char *value = NULL;
    char *copy = NULL;
    if (failed(api->GetAllocatorWithDefaultOptions(&allocator), "allocator", message, size)
        || failed(api->SessionGetModelMetadata(session->session, &metadata), "metadata", message, size))
        return NULL;
    if (!failed(api->ModelMetadataLookupCustomMetadataMap(metadata, allocator, key, &value), "metadata",
                message, size)
        && value != NULL) {
        copy = strdup(value);
        (void)failed(api->AllocatorFree(allocator, value), "allocator", message, size);
    }
    api->ReleaseModelMetadata(metadata);
    return copy;
}

int rpa_ort_run(rpa_ort_session *session, const float *input, int64_t batch, int64_t height, int64_t width,
                float **output, int64_t *steps, int64_t *classes, char *message, size_t size) {
    OrtMemoryInfo *memory = NULL;
    OrtValue *tensor = NULL;
    OrtValue *result = NULL;
    OrtTensorTypeAndShapeInfo *shape = NULL;
    const int64_t dims[4] = {batch, 3, height, width};
    const size_t count = (size_t)(batch * 3 * height * width);
    int bad = failed(api->CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &memory), "memory", message,
                     size)
        || failed(api->CreateTensorWithDataAsOrtValue(memory, (void *)input, count * sizeof(float), dims, 4,
                                                      ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, &tensor),
                  "input", message, size);
    if (!bad) {
        const char *inputs[1] = {session->input_name};
        const char *outputs[1] = {session->output_name};
        bad = failed(api->Run(session->session, NULL, inputs, (const OrtValue *const *)&tensor, 1, outputs, 1,
                              &result),
                     "recognition", message, size);
    }
    size_t rank = 0;
    int64_t shown[3] = {0, 0, 0};
    float *data = NULL;
    if (!bad)
        bad = failed(api->GetTensorTypeAndShape(result, &shape), "output", message, size)
            || failed(api->GetDimensionsCount(shape, &rank), "output", message, size);
    if (!bad && rank != 3) {
        snprintf(message, size, "the model's output has %zu dimensions, expected 3", rank);
        bad = 1;
    }
    if (!bad)
        bad = failed(api->GetDimensions(shape, shown, 3), "output", message, size)
            || failed(api->GetTensorMutableData(result, (void **)&data), "output", message, size);
    if (!bad) {
        size_t total = (size_t)(shown[0] * shown[1] * shown[2]);
        *output = malloc(total * sizeof(float));
        if (*output == NULL) {
            snprintf(message, size, "out of memory");
            bad = 1;
        } else {
            memcpy(*output, data, total * sizeof(float));
            *steps = shown[1];
            *classes = shown[2];
        }
    }
    if (shape != NULL) api->ReleaseTensorTypeAndShapeInfo(shape);
    if (result != NULL) api->ReleaseValue(result);
    if (tensor != NULL) api->ReleaseValue(tensor);
    if (memory != NULL) api->ReleaseMemoryInfo(memory);
    return bad ? -1 : 0;
}
