// A small C interface to RE2, the linear-time regular expression engine, for the Workflow target.
// Workflow regexes (`regex:` readers and `pattern:` checks) run through it so that no pattern a
// workflow holds can backtrack: RE2 matches in time linear in the text and refuses the features
// (backreferences, lookaround) that would need backtracking.
#ifndef CRE2SHIM_H
#define CRE2SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A compiled pattern; free with `cre2shim_free`. Immutable once compiled, so one may be matched
/// from several threads at once.
typedef struct cre2shim_regex cre2shim_regex;

/// Compiles `pattern` (UTF-8, `length` bytes) in RE2 syntax. Returns NULL when it does not compile
/// and writes RE2's reason, NUL-terminated and cut to `error_capacity`, to `error`.
cre2shim_regex *cre2shim_compile(const char *pattern, size_t length, char *error, size_t error_capacity);

/// The number of capture groups in the pattern.
int cre2shim_groups(const cre2shim_regex *regex);

/// Looks for a match in `text` (UTF-8, `length` bytes): the first one anywhere when `whole` is 0,
/// or one spanning the whole text when `whole` is 1. On a match returns 1 and writes, for groups
/// 0 ... `count` - 1, the byte offsets where each starts and ends to `starts` and `ends` (-1 for a
/// group that took no part); returns 0 when nothing matches.
int cre2shim_match(
    const cre2shim_regex *regex, const char *text, size_t length, int whole, long *starts, long *ends,
    int count);

/// Frees a compiled pattern (NULL is allowed).
void cre2shim_free(cre2shim_regex *regex);

#ifdef __cplusplus
}
#endif

#endif
