#ifndef RPA_CIMAGING_H
#define RPA_CIMAGING_H

#include <stddef.h>
#include <leptonica/allheaders.h>

// C parts of the Imaging target: what Swift cannot reach (libjpeg's setjmp errors, mallopt)
// and the one pixel loop Leptonica does slowly (thresholding a whole page).

/// What `rpa_jpeg_read_gray` did.
typedef enum {
    RPA_JPEG_OK = 0,
    /// The header declares more pixels than allowed; nothing was decoded.
    RPA_JPEG_TOO_LARGE = 1,
    /// libjpeg stopped with an error: the data is not a decodable JPEG.
    RPA_JPEG_DAMAGED = 2,
    /// A colour space libjpeg cannot turn into gray (CMYK, YCCK): decode it another way.
    RPA_JPEG_UNSUPPORTED = 3,
} rpa_jpeg_status;

/// Decodes a baseline or progressive JPEG held in memory straight into an 8-bit gray PIX (the
/// luminance of a colour JPEG), with the resolution its JFIF header records.
///
/// Scanlines are decoded into the PIX's own rows, so a 300 dpi A4 page costs what libjpeg costs and
/// no per-pixel copy. libjpeg's errors return here instead of exiting the process, and its warnings
/// are counted in `warnings` instead of printed. Returns NULL unless `status` is RPA_JPEG_OK.
PIX *rpa_jpeg_read_gray(const unsigned char *data, size_t size, long long max_pixels,
                        rpa_jpeg_status *status, int *warnings);

/// A 1-bit image with 1 (ink) wherever the 8-bit `gray` is below `threshold`: the same pixels as
/// Leptonica's pixThresholdToBinary, four times faster (SSE2, 32 pixels per step). NULL for an image
/// that is not 8-bit gray without a colour map.
PIX *rpa_threshold_gray(PIX *gray, int threshold);

/// Keeps buffers up to `mmap_threshold` bytes on the heap and up to `keep` bytes of freed heap in the
/// process, in every thread's arena (glibc's mallopt; nothing elsewhere). Returns 0 when not applied.
int rpa_keep_freed_buffers(int mmap_threshold, int keep);

#endif
