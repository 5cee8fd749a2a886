#include "cimaging.h"

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// The ink bit of pixel `x` of an 8-bit Leptonica row (bytes are kept in 32-bit words, most
/// significant first).
static inline uint32_t is_ink(const l_uint32 *row, int x, int threshold) {
    uint32_t word = row[x >> 2];
    uint32_t value = (word >> (24 - 8 * (x & 3))) & 0xff;
    return value < (uint32_t)threshold;
}

#if defined(__SSE2__)
/// Puts the four nibbles of a 16-bit mask in reverse order.
static inline uint32_t reverse_nibbles(uint32_t mask) {
    return ((mask & 0x000f) << 12) | ((mask & 0x00f0) << 4) | ((mask >> 4) & 0x00f0) |
           ((mask >> 12) & 0x000f);
}
#endif

PIX *rpa_threshold_gray(PIX *gray, int threshold) {
    if (!gray || pixGetDepth(gray) != 8 || pixGetColormap(gray)) return NULL;
    int width = pixGetWidth(gray);
    int height = pixGetHeight(gray);
    PIX *ink = pixCreateNoInit(width, height, 1);
    if (!ink) return NULL;
    pixCopyResolution(ink, gray);
    const l_uint32 *source = pixGetData(gray);
    l_uint32 *target = pixGetData(ink);
    int source_wpl = pixGetWpl(gray);
    int target_wpl = pixGetWpl(ink);
    int full_words = width / 32;
    if (threshold < 0) threshold = 0;
    if (threshold > 256) threshold = 256;

    for (int y = 0; y < height; y++) {
        const l_uint32 *row = source + (size_t)y * source_wpl;
        l_uint32 *out = target + (size_t)y * target_wpl;
        int word = 0;
#if defined(__SSE2__)
        if (threshold >= 1 && threshold <= 255) {
            // 32 pixels at a time: a pixel is ink when min(pixel, threshold - 1) == pixel. In memory
            // each group of four bytes holds its pixels last-first, so the movemask bits come out
            // in nibbles that are already in pixel order, with the nibbles themselves reversed.
            const __m128i limit = _mm_set1_epi8((char)(threshold - 1));
            const unsigned char *bytes = (const unsigned char *)row;
            for (; word < full_words; word++) {
                __m128i first = _mm_loadu_si128((const __m128i *)(bytes + 32 * word));
                __m128i second = _mm_loadu_si128((const __m128i *)(bytes + 32 * word + 16));
                uint32_t high = (uint32_t)_mm_movemask_epi8(
                    _mm_cmpeq_epi8(_mm_min_epu8(first, limit), first));
                uint32_t low = (uint32_t)_mm_movemask_epi8(
                    _mm_cmpeq_epi8(_mm_min_epu8(second, limit), second));
                out[word] = (reverse_nibbles(high) << 16) | reverse_nibbles(low);
            }
        }
#endif
        for (; word * 32 < width; word++) {
            uint32_t bits = 0;
            int end = word * 32 + 32 < width ? word * 32 + 32 : width;
            for (int x = word * 32; x < end; x++) bits |= is_ink(row, x, threshold) << (31 - (x & 31));
            out[word] = bits;
        }
    }
    return ink;
}
