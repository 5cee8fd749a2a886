// The C interface to RE2 declared in include/cre2shim.h.
#include "cre2shim.h"

#include <re2/re2.h>

#include <cstring>
#include <new>
#include <string>
#include <vector>

struct cre2shim_regex {
    re2::RE2 *re;
};

extern "C" cre2shim_regex *cre2shim_compile(
    const char *pattern, size_t length, char *error, size_t error_capacity) {
    re2::RE2::Options options;
    options.set_encoding(re2::RE2::Options::EncodingUTF8);
    options.set_log_errors(false);
    // A workflow's pattern is short; a bound on the compiled program keeps a pathological one
    // (huge counted repetitions) from taking memory.
    options.set_max_mem(8 << 20);
    re2::RE2 *re = new (std::nothrow) re2::RE2(re2::StringPiece(pattern, length), options);
    if (re == nullptr || !re->ok()) {
        std::string reason = re == nullptr ? std::string("out of memory") : re->error();
        delete re;
        if (error != nullptr && error_capacity > 0) {
            size_t n = reason.size() < error_capacity - 1 ? reason.size() : error_capacity - 1;
            std::memcpy(error, reason.data(), n);
            error[n] = '\0';
        }
        return nullptr;
    }
    cre2shim_regex *result = new (std::nothrow) cre2shim_regex{re};
    if (result == nullptr) {
        delete re;
        if (error != nullptr && error_capacity > 0) error[0] = '\0';
    }
    return result;
}

extern "C" int cre2shim_groups(const cre2shim_regex *regex) {
    return regex->re->NumberOfCapturingGroups();
}

extern "C" int cre2shim_match(
    const cre2shim_regex *regex, const char *text, size_t length, int whole, long *starts, long *ends,
    int count) {
    if (count < 0) count = 0;
    if (text == nullptr) text = "";  // an empty text still has a place for an empty match
    std::vector<re2::StringPiece> groups(static_cast<size_t>(count));
    re2::StringPiece input(text, length);
    bool found = regex->re->Match(
        input, 0, length, whole ? re2::RE2::ANCHOR_BOTH : re2::RE2::UNANCHORED, groups.data(), count);
    if (!found) return 0;
    for (int i = 0; i < count; i++) {
        if (groups[i].data() == nullptr) {
            starts[i] = -1;
            ends[i] = -1;
        } else {
            starts[i] = static_cast<long>(groups[i].data() - text);
            ends[i] = starts[i] + static_cast<long>(groups[i].size());
        }
    }
    return 1;
}

extern "C" void cre2shim_free(cre2shim_regex *regex) {
    if (regex == nullptr) return;
    delete regex->re;
    delete regex;
}
