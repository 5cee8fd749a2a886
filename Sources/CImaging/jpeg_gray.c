#include "cimaging.h"

#include <setjmp.h>
#include <stdio.h>
#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf escape;
    int warnings;
} error_manager;

static void on_error(j_common_ptr info) {
    error_manager *errors = (error_manager *)info->err;
    longjmp(errors->escape, 1);
}

static void on_message(j_common_ptr info, int level) {
    // level < 0 is a warning (corrupt data that libjpeg worked around); higher levels are trace.
    if (level < 0) ((error_manager *)info->err)->warnings++;
}

static void stay_quiet(j_common_ptr info) { (void)info; }

PIX *rpa_jpeg_read_gray(const unsigned char *data, size_t size, long long max_pixels,
                        rpa_jpeg_status *status, int *warnings) {
    struct jpeg_decompress_struct decoder;
    error_manager errors;
    PIX *volatile pix = NULL;

    *status = RPA_JPEG_DAMAGED;
    *warnings = 0;
    decoder.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = on_error;
    errors.base.emit_message = on_message;
    errors.base.output_message = stay_quiet;
    errors.warnings = 0;
    if (setjmp(errors.escape)) {
        jpeg_destroy_decompress(&decoder);
        PIX *doomed = pix;
        if (doomed) pixDestroy(&doomed);
        *warnings = errors.warnings;
        return NULL;
    }
    jpeg_create_decompress(&decoder);
    jpeg_mem_src(&decoder, data, (unsigned long)size);
    jpeg_read_header(&decoder, TRUE);

    long long pixels = (long long)decoder.image_width * (long long)decoder.image_height;
    if (pixels <= 0 || pixels > max_pixels) {
        jpeg_destroy_decompress(&decoder);
        *status = RPA_JPEG_TOO_LARGE;
        return NULL;
    }
    switch (decoder.jpeg_color_space) {
    case JCS_GRAYSCALE:
    case JCS_YCbCr:
    case JCS_RGB:
        decoder.out_color_space = JCS_GRAYSCALE;
        break;
    default:
        jpeg_destroy_decompress(&decoder);
        *status = RPA_JPEG_UNSUPPORTED;
        return NULL;
    }
    jpeg_start_decompress(&decoder);

    int width = (int)decoder.output_width;
    int height = (int)decoder.output_height;
    pix = pixCreateNoInit(width, height, 8);
    if (!pix) longjmp(errors.escape, 1);
    l_uint32 *rows = pixGetData(pix);
    int words_per_row = pixGetWpl(pix);
    while (decoder.output_scanline < decoder.output_height) {
        JSAMPROW row = (JSAMPROW)(rows + (size_t)decoder.output_scanline * words_per_row);
        jpeg_read_scanlines(&decoder, &row, 1);
    }
    // Leptonica keeps 8-bit pixels in 32-bit words, most significant byte first: put the bytes
    // libjpeg wrote in order into that layout (a no-op on big-endian machines).
    pixEndianByteSwap(pix);
    pixSetPadBits(pix, 0);

    if (decoder.saw_JFIF_marker && decoder.X_density > 0 && decoder.Y_density > 0) {
        if (decoder.density_unit == 1) {
            pixSetResolution(pix, decoder.X_density, decoder.Y_density);
        } else if (decoder.density_unit == 2) {
            pixSetResolution(pix, (l_int32)(decoder.X_density * 2.54 + 0.5),
                             (l_int32)(decoder.Y_density * 2.54 + 0.5));
        }
    }
    jpeg_finish_decompress(&decoder);
    jpeg_destroy_decompress(&decoder);
    *warnings = errors.warnings;
    *status = RPA_JPEG_OK;
    return pix;
}
