#include "cimaging.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int rpa_keep_freed_buffers(int mmap_threshold, int keep) {
#if defined(__GLIBC__)
    // A thread's arena deletes a heap that its last free emptied, unless the top pad asks to keep
    // that much: the pad is what keeps a worker's page buffers from going back to the kernel.
    return mallopt(M_MMAP_THRESHOLD, mmap_threshold) && mallopt(M_TRIM_THRESHOLD, keep) &&
           mallopt(M_TOP_PAD, keep);
#else
    (void)mmap_threshold;
    (void)keep;
    return 0;
#endif
}
