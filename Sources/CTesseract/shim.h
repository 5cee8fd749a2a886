#ifndef RPA_CTESSERACT_SHIM_H
#define RPA_CTESSERACT_SHIM_H
// Leptonica first, so that `struct Pix` is one type for Swift in both modules.
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>
#endif
